// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'

/**
 * A minimal browser for `app.inject()`: keeps cookies, reads the CSRF token from the last page and submits
 * forms the way a browser would (urlencoded, repeated keys for checkboxes).
 */
export class WebSession {
  readonly cookies = new Map<string, string>()
  lastBody = ''

  /**
   * @param options.remoteAddress - the client address the app sees (rate limits count per address, in the database
   *   every test shares: a test of a limit uses an address of its own)
   */
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { remoteAddress?: string } = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now())
      if (expired || cookie.value === '') this.cookies.delete(cookie.name)
      else this.cookies.set(cookie.name, cookie.value)
    }
    this.lastBody = response.body
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
    })
    this.remember(response)
    return response
  }

  /** The CSRF token in the last page, or undefined when it had no form. */
  csrfToken(): string | undefined {
    return /name="_csrf" value="([^"]+)"/.exec(this.lastBody)?.[1]
  }

  /**
   * Submits a form. Without `csrfFrom`, the token of the last page fetched is used; with it, that page is
   * fetched first (as a person would open the form before submitting it).
   */
  async post(
    url: string,
    fields: Record<string, string | string[]>,
    options: { csrfFrom?: string; csrfToken?: string | null } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrfFrom) await this.get(options.csrfFrom)
    const token = options.csrfToken === null ? undefined : (options.csrfToken ?? this.csrfToken())
    const body = new URLSearchParams()
    for (const [key, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
    }
    if (token) body.append('_csrf', token)
    const response = await this.app.inject({
      ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    })
    this.remember(response)
    return response
  }

  /**
   * Uploads one file through a form (multipart, as a browser sends it), with the CSRF token of `url`'s page
   * (or `csrfFrom`'s), which is fetched first as a person would open the form.
   */
  async upload(
    url: string,
    file: { name: string; content: string },
    options: { field?: string; csrfFrom?: string } = {},
  ): Promise<LightMyRequestResponse> {
    const field = options.field ?? 'file'
    await this.get(options.csrfFrom ?? url)
    const form = new FormData()
    const token = this.csrfToken()
    if (token) form.append('_csrf', token)
    form.append(field, new Blob([file.content]), file.name)
    const encoded = new Request('http://localhost/', { method: 'POST', body: form })
    const response = await this.app.inject({
      ...(this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}),
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    })
    this.remember(response)
    return response
  }

  /** Signs in and, when the person has several organisations, chooses `organisationId`. */
  async signIn(email: string, password: string, organisationId?: string): Promise<LightMyRequestResponse> {
    const response = await this.post('/sign-in', { email, password }, { csrfFrom: '/sign-in' })
    if (response.statusCode !== 303) return response
    if (organisationId && response.headers.location?.startsWith('/choose-organisation')) {
      return this.post('/choose-organisation', { organisationId }, { csrfFrom: '/choose-organisation' })
    }
    return response
  }
}

/** A client address no other test uses, for a test that counts against a rate limit. */
export function uniqueAddress(): string {
  const byte = () => Math.floor(Math.random() * 254) + 1
  return `10.${byte()}.${byte()}.${byte()}`
}
