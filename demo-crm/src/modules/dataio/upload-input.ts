import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../../core/http.js';

/** An uploaded file and the text fields sent with it, from a multipart form or a JSON body. */
export interface UploadInput {
  fields: Record<string, unknown>;
  file: { name: string; bytes: Uint8Array } | null;
}

/**
 * multipart/form-data: one file part (any field name) plus text fields.
 * JSON: `csv` (text) or `csvBase64` (the file's bytes, so the encoding detection applies), `fileName`.
 */
export async function readUpload(req: FastifyRequest): Promise<UploadInput> {
  if (req.isMultipart()) {
    const fields: Record<string, unknown> = {};
    let file: UploadInput['file'] = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (!file && (part.filename || bytes.byteLength > 0)) file = { name: part.filename || 'upload.csv', bytes };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    return { fields, file };
  }
  const body = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError({ file: 'Send multipart/form-data with a CSV file, or JSON with "csv" or "csvBase64"' });
  }
  const fields = body as Record<string, unknown>;
  const name = typeof fields.fileName === 'string' && fields.fileName.trim() ? fields.fileName : 'upload.csv';
  if (typeof fields.csvBase64 === 'string') return { fields, file: { name, bytes: Buffer.from(fields.csvBase64, 'base64') } };
  if (typeof fields.csv === 'string') return { fields, file: { name, bytes: Buffer.from(fields.csv, 'utf8') } };
  return { fields, file: null };
}
