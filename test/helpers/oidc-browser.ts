// SPDX-License-Identifier: AGPL-3.0-or-later
// A browser at a test identity provider (oidc-provider with its development login pages), for the sign-in tests.
import assert from 'node:assert/strict'

/** The browser at the provider: follows its redirects and logs in and consents as `accountId`. */
export async function throughProvider(
  issuer: string,
  publicUrl: string,
  authorizationUrl: string,
  accountId: string,
): Promise<URL> {
  const jar = new Map<string, string>()
  const request = async (url: string, body?: Record<string, string>) => {
    const response = await fetch(new URL(url, issuer), {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: body ? new URLSearchParams(body).toString() : undefined,
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const [name, ...value] = pair!.split('=')
      jar.set(name!, value.join('='))
    }
    return response
  }
  let url = authorizationUrl
  for (let step = 0; step < 12; step++) {
    const response = await request(url)
    const location = response.headers.get('location')
    if (location?.startsWith(publicUrl)) return new URL(location)
    if (location) {
      url = location
      continue
    }
    // An interaction page: the login form, then the consent form.
    const page = await response.text()
    const action = /action="([^"]+)"/.exec(page)?.[1]
    assert.ok(action, `the provider shows a form: ${page.slice(0, 200)}`)
    const prompt = /name="prompt" value="([a-z]+)"/.exec(page)?.[1]
    const submitted = await request(
      action,
      prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt: prompt ?? 'consent' },
    )
    url = submitted.headers.get('location')!
  }
  throw new Error('the provider never sent the browser back')
}
