// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normaliseEmail, passwordProblem } from './identity.ts'
import { safeReturnTo } from './web/sign-in/sign-in.form.ts'
import { parseSignInForm } from './web/sign-in/sign-in.form.ts'
import { parseInviteMember } from './web/invite-member/invite-member.form.ts'

describe('identity rules', () => {
  it('normalises email addresses for lookup', () => {
    assert.equal(normaliseEmail('  Sam.Okafor@Example.NHS.uk '), 'sam.okafor@example.nhs.uk')
  })

  it('accepts a long passphrase and refuses weak passwords with a reason', () => {
    assert.equal(passwordProblem('correct horse battery staple'), undefined)
    assert.match(passwordProblem('short') ?? '', /at least 12/)
    assert.match(passwordProblem('aaaaaaaaaaaaaa') ?? '', /repeated/)
    assert.match(passwordProblem('sam.okafor-is-great', 'sam.okafor@example.org') ?? '', /email/)
  })

  it('refuses passwords leaked in breaches, and their near misses, however long', () => {
    for (const leaked of ['password1234', 'qwertyuiop123', 'Password123!', 'iloveyou2024', 'letmein12345'])
      assert.match(passwordProblem(leaked) ?? '', /most often leaked in data breaches/, leaked)
    assert.match(passwordProblem('trustno1trustno1') ?? '', /too easy to guess/)
    // Their own name counts as guessable too.
    assert.ok(passwordProblem('okafor123456', 'sam.okafor@example.org'))
    for (const fine of ['waymark-demo-password', 'a brand new passphrase', 'nadia chooses well'])
      assert.equal(passwordProblem(fine), undefined, fine)
  })

  it('follows only same-site paths after sign-in', () => {
    assert.equal(safeReturnTo('/referrals?status=new'), '/referrals?status=new')
    assert.equal(safeReturnTo('//evil.example/'), '/')
    assert.equal(safeReturnTo('https://evil.example/'), '/')
    assert.equal(safeReturnTo('/\\evil.example'), '/')
    assert.equal(safeReturnTo(undefined), '/')
  })

  it('explains what is wrong with a sign-in form and keeps the email typed', () => {
    const result = parseSignInForm({ email: 'not-an-email', password: '' })
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.match(result.errors['email'] ?? '', /correct format/)
      assert.equal(result.errors['password'], 'Enter your password')
    }
    assert.equal(result.values.email, 'not-an-email')
  })

  it('requires a name, a valid email and at least one known role to invite someone', () => {
    const empty = parseInviteMember({})
    assert.equal(empty.ok, false)
    if (!empty.ok) assert.deepEqual(Object.keys(empty.errors), ['displayName', 'email', 'roles'])
    const forged = parseInviteMember({ displayName: 'A', email: 'a@b.example', roles: ['referrer', 'superuser'] })
    assert.equal(forged.ok, false)
    const good = parseInviteMember({ displayName: 'Ann', email: 'ann@b.example', roles: ['referrer', 'referrer'] })
    assert.equal(good.ok, true)
    if (good.ok) assert.deepEqual(good.value.roles, ['referrer'])
  })
})
