import { crc32 } from './crc32.ts';

export interface ZipEntry {
  name: string;
  content: string | Uint8Array;
}

/** 1980-01-01 00:00 in MS-DOS format: fixed so that the same files give the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;
const UTF8_FLAG = 0x0800;

/** A store-only (uncompressed) zip archive of the given files, enough for a Lambda deployment package. */
export function storeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.content === 'string' ? Buffer.from(entry.content, 'utf8') : Buffer.from(entry.content);
    const crc = crc32(data);
    const local = Buffer.concat([localHeader(name, data.length, crc), name, data]);
    centrals.push(Buffer.concat([centralHeader(name, data.length, crc, offset), name]));
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  return Buffer.concat([...locals, central, endOfCentralDirectory(entries.length, central.length, offset)]);
}

function localHeader(name: Buffer, size: number, crc: number): Buffer {
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed: 2.0
  h.writeUInt16LE(UTF8_FLAG, 6);
  h.writeUInt16LE(0, 8); // method: stored
  h.writeUInt16LE(DOS_TIME, 10);
  h.writeUInt16LE(DOS_DATE, 12);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(size, 18); // compressed size
  h.writeUInt32LE(size, 22); // uncompressed size
  h.writeUInt16LE(name.length, 26);
  h.writeUInt16LE(0, 28); // extra field length
  return h;
}

function centralHeader(name: Buffer, size: number, crc: number, localOffset: number): Buffer {
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(UTF8_FLAG, 8);
  h.writeUInt16LE(0, 10);
  h.writeUInt16LE(DOS_TIME, 12);
  h.writeUInt16LE(DOS_DATE, 14);
  h.writeUInt32LE(crc, 16);
  h.writeUInt32LE(size, 20);
  h.writeUInt32LE(size, 24);
  h.writeUInt16LE(name.length, 28);
  // extra length, comment length, disk number, internal attributes: all 0
  h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: regular file, rw-r--r--
  h.writeUInt32LE(localOffset, 42);
  return h;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt32LE(0x06054b50, 0);
  h.writeUInt16LE(count, 8);
  h.writeUInt16LE(count, 10);
  h.writeUInt32LE(size, 12);
  h.writeUInt32LE(offset, 16);
  return h;
}
