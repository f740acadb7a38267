// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MAX_PHOTO_BYTES } from '../../link-worker-profile.ts'
import { isUkPhoneNumber, parseProfileForm, readProfileForm, readUploadedPhoto } from './profile.form.ts'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)])

const good = {
  leafletName: 'Megan Reid',
  workPhone: '07700 900 318',
  workEmail: 'megan.reid@example.org',
  availability: 'Tuesday to Thursday',
  removePhoto: '',
}

describe('readProfileForm', () => {
  it('trims fields and reads the photo part the multipart parser left', () => {
    const body = {
      leafletName: '  Megan  ',
      workPhone: '01632 960 417',
      photo: { filename: 'me.png', content: PNG, tooBig: false },
    }
    assert.deepEqual(readProfileForm(body), {
      leafletName: 'Megan',
      workPhone: '01632 960 417',
      workEmail: '',
      availability: '',
      removePhoto: '',
    })
    assert.equal(readUploadedPhoto(body)?.filename, 'me.png')
  })

  it('treats an empty file field as no photo', () => {
    assert.equal(readUploadedPhoto({ photo: { filename: '', content: Buffer.alloc(0), tooBig: false } }), undefined)
    assert.equal(readUploadedPhoto({ photo: 'not a file' }), undefined)
    assert.equal(readUploadedPhoto({}), undefined)
  })
})

describe('parseProfileForm', () => {
  it('accepts the details and keeps the photo when none is chosen', () => {
    const result = parseProfileForm(good, undefined)
    assert.ok(result.ok)
    assert.deepEqual(result.value.photo, { kind: 'keep' })
    assert.equal(result.value.details.workEmail, 'megan.reid@example.org')
    assert.equal('removePhoto' in result.value.details, false)
  })

  it('replaces the photo with a real PNG, its type read from the bytes', () => {
    const result = parseProfileForm(good, { filename: 'photo.jpg', content: PNG, tooBig: false })
    assert.ok(result.ok)
    assert.equal(result.value.photo.kind, 'replace')
    if (result.value.photo.kind === 'replace') assert.equal(result.value.photo.photo.contentType, 'image/png')
  })

  it('removes the photo when asked, unless a new one is chosen', () => {
    const removed = parseProfileForm({ ...good, removePhoto: 'yes' }, undefined)
    assert.ok(removed.ok)
    assert.deepEqual(removed.value.photo, { kind: 'remove' })
    const replaced = parseProfileForm(
      { ...good, removePhoto: 'yes' },
      { filename: 'a.png', content: PNG, tooBig: false },
    )
    assert.ok(replaced.ok)
    assert.equal(replaced.value.photo.kind, 'replace')
  })

  it('needs a name and a way to be reached', () => {
    const result = parseProfileForm({ ...good, leafletName: '', workPhone: '', workEmail: '' }, undefined)
    assert.ok(!result.ok)
    assert.deepEqual(Object.keys(result.errors), ['leafletName', 'workPhone'])
  })

  it('checks the phone number and email address', () => {
    const result = parseProfileForm({ ...good, workPhone: '12345', workEmail: 'megan at work' }, undefined)
    assert.ok(!result.ok)
    assert.match(result.errors['workPhone']!, /UK phone number/)
    assert.match(result.errors['workEmail']!, /correct format/)
  })

  it('refuses a photo that is not a JPEG or PNG, whatever its name says', () => {
    const result = parseProfileForm(good, { filename: 'photo.png', content: Buffer.from('GIF89a-----'), tooBig: false })
    assert.ok(!result.ok)
    assert.equal(result.errors['photo'], 'The photo must be a JPG or PNG')
  })

  it('refuses a photo over 500 KB, whether the parser cut it short or not', () => {
    const cut = parseProfileForm(good, { filename: 'big.png', content: PNG, tooBig: true })
    assert.ok(!cut.ok)
    assert.equal(cut.errors['photo'], 'The photo must be smaller than 500 KB')
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_PHOTO_BYTES)])
    const whole = parseProfileForm(good, { filename: 'big.png', content: big, tooBig: false })
    assert.ok(!whole.ok)
    assert.equal(whole.errors['photo'], 'The photo must be smaller than 500 KB')
  })

  it('asks for a good photo again when other fields have problems', () => {
    const result = parseProfileForm({ ...good, leafletName: '' }, { filename: 'a.png', content: PNG, tooBig: false })
    assert.ok(!result.ok)
    assert.match(result.errors['photo']!, /Choose your photo again/)
  })
})

describe('isUkPhoneNumber', () => {
  it('accepts the ways people write UK numbers', () => {
    for (const n of ['01632 960 417', '07700900318', '(01632) 960417', '+44 7700 900 318', '0300-123-4567'])
      assert.ok(isUkPhoneNumber(n), n)
    for (const n of ['12345', '+1 555 123 4567', '077009003', 'call me', '07700 900 318 ext 4'])
      assert.ok(!isUkPhoneNumber(n), n)
  })
})
