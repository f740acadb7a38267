// SPDX-License-Identifier: AGPL-3.0-or-later
// The GOV.UK Notify senders through the official client, against a local stand-in for Notify's API that
// checks what the real one checks first: the path, a signed bearer token for the key's service, and the body.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { createNotifyEmailSender, createTextSender, TextsNotSetUpError } from './notify.ts'

const SERVICE_ID = '3f6b8a4e-0000-4000-8000-0000000000aa'
const API_KEY = `waymark_test-${SERVICE_ID}-3f6b8a4e-0000-4000-8000-0000000000bb`
const TEXT_TEMPLATE = '3f6b8a4e-0000-4000-8000-0000000000cc'
const EMAIL_TEMPLATE = '3f6b8a4e-0000-4000-8000-0000000000dd'

const received: { path: string; issuer: string; body: Record<string, unknown> }[] = []
let url = ''
const server = createServer((request: IncomingMessage, response) => {
  let text = ''
  request.on('data', (chunk: Buffer) => (text += chunk.toString()))
  request.on('end', () => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? ''
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString() || '{}') as {
      iss?: string
    }
    received.push({
      path: request.url ?? '',
      issuer: claims.iss ?? '',
      body: JSON.parse(text) as Record<string, unknown>,
    })
    response.writeHead(201, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ id: `notification-${received.length}` }))
  })
})
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => server.close())

describe('GOV.UK Notify', () => {
  it('sends a text through the text template, signed for the key’s service, with our reference', async () => {
    const texts = createTextSender({ apiKey: API_KEY, url, textTemplateId: TEXT_TEMPLATE, emailTemplateId: undefined })
    assert.equal(texts.kind, 'notify')
    const { id } = await texts.send({ to: '07700900123', message: 'Hello Margaret', reference: 'episode:text:key' })
    assert.equal(id, `notification-${received.length}`)
    const last = received.at(-1)!
    assert.equal(last.path, '/v2/notifications/sms')
    assert.equal(last.issuer, SERVICE_ID)
    assert.deepEqual(last.body, {
      template_id: TEXT_TEMPLATE,
      phone_number: '07700900123',
      personalisation: { message: 'Hello Margaret' },
      reference: 'episode:text:key',
    })
  })

  it('sends email through the email template only when one is set', async () => {
    assert.equal(
      createNotifyEmailSender({ apiKey: API_KEY, url, textTemplateId: undefined, emailTemplateId: undefined }),
      undefined,
    )
    const email = createNotifyEmailSender({
      apiKey: API_KEY,
      url,
      textTemplateId: undefined,
      emailTemplateId: EMAIL_TEMPLATE,
    })!
    await email.send({ to: 'gp@example.nhs.uk', subject: 'Referral accepted', text: 'WM-ABCD-EFGH was accepted.' })
    const last = received.at(-1)!
    assert.equal(last.path, '/v2/notifications/email')
    assert.deepEqual(last.body['personalisation'], {
      subject: 'Referral accepted',
      message: 'WM-ABCD-EFGH was accepted.',
    })
  })

  it('says plainly when texts are not set up, and sends nothing', async () => {
    const before = received.length
    const texts = createTextSender({
      apiKey: undefined,
      url,
      textTemplateId: TEXT_TEMPLATE,
      emailTemplateId: undefined,
    })
    assert.equal(texts.kind, 'none')
    await assert.rejects(texts.send({ to: '07700900123', message: 'x', reference: 'r' }), TextsNotSetUpError)
    assert.equal(received.length, before)
  })
})
