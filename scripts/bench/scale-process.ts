// SPDX-License-Identifier: AGPL-3.0-or-later
// The scale bench's app process (scripts/bench/scale-server.ts) started and signed in to over real HTTP.
import { spawn } from 'node:child_process'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts.ts'
import { send } from './load.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** Signs in over HTTP as a browser would; returns the cookie header and a CSRF token for forms. */
export async function signIn(base: string, email: string): Promise<{ cookie: string; csrf: string }> {
  const agent = new http.Agent({ keepAlive: false })
  const jar = new Map<string, string>()
  const remember = (headers: http.IncomingHttpHeaders) => {
    for (const line of headers['set-cookie'] ?? []) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
  }
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? ''
  const page = await send(agent, base, { method: 'GET', path: '/sign-in' })
  remember(page.headers)
  const signedIn = await send(agent, base, {
    method: 'POST',
    path: '/sign-in',
    headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, _csrf: csrfOf(page.body) }).toString(),
  })
  remember(signedIn.headers)
  if (signedIn.status !== 303) throw new Error(`Sign-in as ${email} answered ${signedIn.status}`)
  const home = await send(agent, base, { method: 'GET', path: '/', headers: { cookie: cookie() } })
  remember(home.headers)
  agent.destroy()
  return { cookie: cookie(), csrf: csrfOf(home.body) }
}

export function startServer(url: string): Promise<{ app: string; bare: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/scale-server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        const addresses = JSON.parse(line) as { app: string; bare: string }
        resolve({ ...addresses, stop: () => child.kill('SIGTERM') })
      }
    })
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)))
  })
}
