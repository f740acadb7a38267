// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AppError, moduleError } from './errors.ts'

const THINGS_ERRORS = {
  THINGS_NOT_FOUND: { status: 404, message: 'Thing not found' },
  THINGS_CHANGED: { status: 409, message: 'Someone else changed this thing' },
} as const

class ThingsError extends moduleError(THINGS_ERRORS) {}

describe('a module’s error type', () => {
  it('takes its status and message from the module’s table, and is an AppError named for the module', () => {
    const error = new ThingsError('THINGS_CHANGED', { thingId: 'x' })
    assert.ok(error instanceof AppError)
    assert.ok(error instanceof ThingsError)
    assert.equal(error.name, 'ThingsError')
    assert.equal(error.code, 'THINGS_CHANGED')
    assert.equal(error.statusCode, 409)
    assert.equal(error.message, 'Someone else changed this thing')
    assert.equal(error.userMessage, 'Someone else changed this thing')
    assert.deepEqual(error.details, { thingId: 'x' })
  })
})
