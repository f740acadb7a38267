// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyServerOptions } from 'fastify'
import { pathWithoutSecrets } from '../security/secrets.ts'

/**
 * Structured logs that never carry personal data: request lines keep the path but drop the query string
 * (search terms may be names or postcodes) and any secret in the path (a group's or a person's link, which opens
 * what was shared with them), and cookies, authorisation headers and bodies are never logged.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
    serializers: {
      req(request: { method: string; url: string; id: string; ip?: string }) {
        return { method: request.method, path: pathWithoutSecrets(request.url.split('?')[0] ?? ''), id: request.id }
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode }
      },
    },
  }
}
