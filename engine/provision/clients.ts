import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import { abortable, guardedHandler } from '../sdk-guard.ts';

/** Static credentials or a credential provider, as every SDK v3 client accepts them. */
export type Credentials = NonNullable<LambdaClientConfig['credentials']>;

export interface ClientOptions {
  /** One endpoint URL for every service (moto, LocalStack). Omit for real AWS's per-service endpoints. */
  endpoint?: string;
  region: string;
  credentials: Credentials;
  /** Total attempts per request, first try included (SDK standard retry mode). Default 3. */
  maxAttempts?: number;
  /** Per-request connection and request timeouts. Default 5 s and 30 s. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Aborts every call in flight (and the SDK's retry delays). */
  signal?: AbortSignal;
}

export interface ProvisionClients {
  iam: IAMClient;
  lambda: LambdaClient;
  kinesis: KinesisClient;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
}

/** The SDK v3 warns about Node < 22 at client construction; this is its documented switch. */
const NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

export function makeClients(opts: ClientOptions): ProvisionClients {
  process.env[NODE_WARNING_SWITCH] ??= 'true';
  const config = {
    region: opts.region,
    credentials: opts.credentials,
    maxAttempts: opts.maxAttempts ?? 3,
    retryMode: 'standard',
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  } as const;
  // Each client gets its own HTTP/1.1 handler: the Kinesis client's HTTP/2 default fails against moto.
  // The request timeout bounds the whole attempt, body included, and the signal stops it (engine/sdk-guard.ts).
  const handler = (): NodeHttpHandler =>
    guardedHandler(
      { timeoutMs: opts.requestTimeoutMs ?? 30_000, ...(opts.signal ? { signal: opts.signal } : {}) },
      { connectionTimeout: opts.connectionTimeoutMs ?? 5_000 },
    );
  const s = opts.signal;
  return {
    iam: abortable(new IAMClient({ ...config, requestHandler: handler() }), s),
    lambda: abortable(new LambdaClient({ ...config, requestHandler: handler() }), s),
    kinesis: abortable(new KinesisClient({ ...config, requestHandler: handler() }), s),
    dynamodb: abortable(new DynamoDBClient({ ...config, requestHandler: handler() }), s),
    sqs: abortable(new SQSClient({ ...config, requestHandler: handler() }), s),
  };
}

export function destroyClients(clients: ProvisionClients): void {
  clients.iam.destroy();
  clients.lambda.destroy();
  clients.kinesis.destroy();
  clients.dynamodb.destroy();
  clients.sqs.destroy();
}
