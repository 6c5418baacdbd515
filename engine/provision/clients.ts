import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IAMClient } from '@aws-sdk/client-iam';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';

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
  const handler = (): NodeHttpHandler =>
    new NodeHttpHandler({
      connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
      requestTimeout: opts.requestTimeoutMs ?? 30_000,
    });
  return {
    iam: new IAMClient({ ...config, requestHandler: handler() }),
    lambda: new LambdaClient({ ...config, requestHandler: handler() }),
    kinesis: new KinesisClient({ ...config, requestHandler: handler() }),
    dynamodb: new DynamoDBClient({ ...config, requestHandler: handler() }),
    sqs: new SQSClient({ ...config, requestHandler: handler() }),
  };
}

export function destroyClients(clients: ProvisionClients): void {
  clients.iam.destroy();
  clients.lambda.destroy();
  clients.kinesis.destroy();
  clients.dynamodb.destroy();
  clients.sqs.destroy();
}
