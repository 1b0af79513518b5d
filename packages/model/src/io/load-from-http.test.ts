import { describe, expect, it } from 'vitest';
import { ModelArtifactsError } from '../errors.js';
import { loadWeightsFromHttp } from './load-from-http.js';

const respond = (status: number, body: string, contentType: string): typeof fetch =>
  (async () => new Response(body, { status, headers: { 'content-type': contentType } })) as typeof fetch;

describe('loadMRNet over HTTP', () => {
  it('says "model not found at URL" when a single-page-app server answers with its index.html', async () => {
    const html = respond(200, '<!doctype html><html><body>page</body></html>', 'text/html; charset=utf-8');
    const e = await loadWeightsFromHttp('http://127.0.0.1:4173/models/acl/sagittal/', html).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ModelArtifactsError);
    expect((e as Error).message).toBe('loadMRNet: model not found at http://127.0.0.1:4173/models/acl/sagittal/model.json (the server sent an HTML page, not model.json)');
  });

  it('says "model not found at URL" for HTTP 404, and names other HTTP errors and malformed JSON', async () => {
    await expect(loadWeightsFromHttp('http://h/m/model.json', respond(404, 'Not Found', 'text/plain'))).rejects.toThrow(
      'loadMRNet: model not found at http://h/m/model.json (HTTP 404)',
    );
    await expect(loadWeightsFromHttp('http://h/m/', respond(500, 'oops', 'text/plain'))).rejects.toThrow('loadMRNet: http://h/m/model.json: HTTP 500');
    await expect(loadWeightsFromHttp('http://h/m/', respond(200, '{not json', 'application/json'))).rejects.toThrow(
      'loadMRNet: http://h/m/model.json: model.json is not valid JSON',
    );
  });
});
