/**
 * The OpenAPI description of the routes outside the route table: GET /metrics (no key: counts
 * only) and the codec server (OPS keys; api/codec-server.ts).
 */
const payloads = {
  type: 'object',
  required: ['payloads'],
  properties: {
    payloads: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          metadata: { type: 'object', additionalProperties: { type: 'string', contentEncoding: 'base64' } },
          data: { type: 'string', contentEncoding: 'base64' },
        },
      },
    },
  },
};
const codecAuth = [{ bearerKey: [] }, { apiKeyHeader: [] }, { codecCookie: [] }];
const preflight = (what: string) => ({
  operationId: `${what}Preflight`,
  summary: "CORS preflight: answers the Temporal UI's origins (CODEC_CORS_ORIGINS) only",
  tags: ['operations'],
  security: [],
  responses: { 204: { description: 'Allowed headers and methods, for an allowed origin' } },
});
const codecOperation = (what: 'encode' | 'decode') => ({
  operationId: `codec${what === 'encode' ? 'Encode' : 'Decode'}`,
  summary: `${what === 'encode' ? 'Encrypt' : 'Decrypt'} Temporal payloads (protobuf JSON), as the Temporal UI and CLI call a codec server`,
  tags: ['operations'],
  security: codecAuth,
  'x-roles': ['OPS'],
  requestBody: { required: true, content: { 'application/json': { schema: payloads } } },
  responses: {
    200: { description: 'The payloads', content: { 'application/json': { schema: payloads } } },
    401: { description: 'No key, or not a valid one' },
    403: { description: 'Not an OPS key' },
    422: { description: 'Not payloads, or one that does not decrypt (named)' },
  },
});

export const OPS_PATHS: Record<string, Record<string, unknown>> = {
  '/metrics': {
    get: {
      operationId: 'metrics',
      summary: 'Prometheus metrics: bills by status, attention by reason, files, batches, the unmatched ERA queue (counts only)',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': {} } } },
    },
  },
  '/codec/encode': { post: codecOperation('encode'), options: preflight('codecEncode') },
  '/codec/decode': { post: codecOperation('decode'), options: preflight('codecDecode') },
  '/codec': {
    get: {
      operationId: 'codecSignInPage',
      summary: 'The page where an ops person signs this browser in to the codec with an OPS key',
      tags: ['operations'],
      security: [],
      responses: { 200: { description: 'HTML', content: { 'text/html': {} } } },
    },
  },
  '/codec/session': {
    post: {
      operationId: 'codecSignIn',
      summary: 'Signs the browser in: an OPS key in, an HttpOnly SameSite=Strict cookie on /codec out (8 hours)',
      tags: ['operations'],
      security: [],
      requestBody: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { key: { type: 'string' } } } } },
      },
      responses: { 303: { description: 'Signed in' }, 401: { description: 'Not a valid key' }, 403: { description: 'Not an OPS key' } },
    },
  },
  '/codec/sign-out': {
    post: {
      operationId: 'codecSignOut',
      summary: 'Signs the browser out of the codec (clears its cookie)',
      tags: ['operations'],
      security: [],
      responses: { 303: { description: 'Signed out' } },
    },
  },
};
