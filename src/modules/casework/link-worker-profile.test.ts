// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { detectPhotoType, photoHrefFor } from './link-worker-profile.ts'
import { placeholderPortrait } from './link-workers.seed.ts'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46])

describe('detectPhotoType', () => {
  it('knows a PNG and a JPEG by their first bytes', () => {
    assert.equal(detectPhotoType(PNG), 'image/png')
    assert.equal(detectPhotoType(JPEG), 'image/jpeg')
  })

  it('refuses anything else, whatever it is called', () => {
    assert.equal(detectPhotoType(Buffer.from('GIF89a……')), null)
    assert.equal(detectPhotoType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')), null)
    assert.equal(detectPhotoType(Buffer.from('%PDF-1.7')), null)
    assert.equal(detectPhotoType(Buffer.alloc(0)), null)
    // A PNG signature cut short is not a PNG.
    assert.equal(detectPhotoType(PNG.subarray(0, 6)), null)
  })
})

describe('the demo placeholder portrait', () => {
  it('is a small, real PNG', () => {
    const png = placeholderPortrait([200, 210, 220])
    assert.equal(detectPhotoType(png), 'image/png')
    assert.ok(png.length < 5000)
    assert.equal(png.readUInt32BE(16), 160)
  })
})

describe('photoHrefFor', () => {
  it('carries the save time, so a replaced photo is never served from a cache', () => {
    assert.equal(photoHrefFor('u1', new Date(1000)), '/caseload/profile/photo/u1?v=1000')
    assert.equal(photoHrefFor('u1', null), '/caseload/profile/photo/u1')
  })
})
