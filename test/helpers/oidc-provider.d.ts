// SPDX-License-Identifier: AGPL-3.0-or-later
// oidc-provider ships no types; this names the little of it the tests use (a local identity provider).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    callback(): (request: IncomingMessage, response: ServerResponse) => void
  }
}
