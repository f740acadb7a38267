import http from 'node:http'
import { runLoad, send } from './bench/load.ts'
const base = process.argv[2]!
const path = process.argv[3] ?? '/caseload'
const conns = Number(process.argv[4] ?? 20)
const agent = new http.Agent()
const page = await send(agent, base, { method: 'GET', path: '/sign-in' })
const jar = new Map<string, string>()
const rem = (h: http.IncomingHttpHeaders) => {
  for (const l of h['set-cookie'] ?? []) {
    const [p] = l.split(';')
    const i = p!.indexOf('=')
    jar.set(p!.slice(0, i), p!.slice(i + 1))
  }
}
rem(page.headers)
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!
const r = await send(agent, base, {
  method: 'POST',
  path: '/sign-in',
  headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    email: process.env.EMAIL ?? 'worker-0@generated.waymark.example',
    password: 'waymark-demo-password',
    _csrf: csrf,
  }).toString(),
})
rem(r.headers)
console.log('signin', r.status)
const res = await runLoad(
  base,
  [{ name: 'x', weight: 1, next: () => ({ method: 'GET', path, headers: { cookie: cookie() } }) }],
  { connections: conns, seconds: Number(process.env.SECS ?? 8) },
)
console.log(JSON.stringify(res.total), res.operations[0]!.firstFailure)
