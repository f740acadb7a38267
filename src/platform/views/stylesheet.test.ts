// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fontOrigin, loadNhsukStylesheet } from './stylesheet.ts'
import { NHSUK_FRONTEND_DIR } from './views.ts'

const DIST = path.join(NHSUK_FRONTEND_DIR, 'dist/nhsuk')

describe('the NHS webfont source', () => {
  it('keeps assets.nhs.uk by default', () => {
    const css = loadNhsukStylesheet(DIST, 'https://assets.nhs.uk/fonts/')
    assert.match(css, /@font-face\{[^}]*assets\.nhs\.uk\/fonts\/FrutigerLTW01-55Roman\.woff2/)
    assert.equal(fontOrigin('https://assets.nhs.uk/fonts/'), 'https://assets.nhs.uk')
  })

  it('points at the installation’s own copy', () => {
    const css = loadNhsukStylesheet(DIST, '/static/fonts/')
    assert.doesNotMatch(css, /assets\.nhs\.uk/)
    assert.match(css, /url\(\/static\/fonts\/FrutigerLTW01-65Bold\.woff2\)/)
    assert.equal(fontOrigin('/static/fonts/'), null)
  })

  it('requests no font at all offline, falling back to Arial', () => {
    const css = loadNhsukStylesheet(DIST, null)
    assert.doesNotMatch(css, /@font-face|assets\.nhs\.uk|woff/)
    assert.match(css, /font-family:Frutiger W01,arial,sans-serif/)
    assert.equal(fontOrigin(null), null)
  })
})
