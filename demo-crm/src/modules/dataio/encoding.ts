import iconv from 'iconv-lite';

/**
 * Which encoding an uploaded CSV is in. Spreadsheet apps write UTF-8 (with a BOM when saved as
 * "CSV UTF-8"), and on Chinese-locale Windows the legacy code page GBK; UTF-16 appears with a BOM.
 */
export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gbk' | 'utf-16le' | 'utf-16be';

export interface DecodedFile {
  text: string;
  encoding: CsvEncoding;
}

export class EncodingError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Detects and decodes: a BOM decides; otherwise valid UTF-8 is UTF-8, else GBK when every byte
 * sequence is valid GBK, else the file is refused (decoding anyway would silently corrupt names).
 * `utf8AsLatin1` is the `import-mangles-cjk` defect: UTF-8 bytes are read as Latin-1.
 */
export function decodeCsvBytes(bytes: Uint8Array, o: { utf8AsLatin1?: boolean } = {}): DecodedFile {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new EncodingError('This looks like an Excel workbook (.xlsx), not a CSV file. Save it as "CSV UTF-8" and upload that.');
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decoded: DecodedFile;
  if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  } else {
    const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
    const body = bom ? buf.subarray(3) : buf;
    const text = tryUtf8(body);
    if (text !== null) {
      decoded = { text: o.utf8AsLatin1 ? body.toString('latin1') : text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
    } else if (bom) {
      throw new EncodingError('The file starts with a UTF-8 byte order mark but is not valid UTF-8. Save it again as "CSV UTF-8".');
    } else {
      const gbk = iconv.decode(body, 'gbk');
      if (gbk.includes('\uFFFD')) {
        throw new EncodingError('The file is neither UTF-8 nor GBK text. Save it as "CSV UTF-8" and upload it again.');
      }
      decoded = { text: gbk, encoding: 'gbk' };
    }
  }
  if (decoded.text.includes('\u0000')) {
    throw new EncodingError('The file contains binary data, not CSV text. Save it as "CSV UTF-8" and upload it again.');
  }
  return decoded;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

export const ENCODING_LABELS: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with BOM',
  gbk: 'GBK (Simplified Chinese)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};
