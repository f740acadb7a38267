// SPDX-License-Identifier: AGPL-3.0-or-later
// Is a new password one that attackers try first? Checked offline against the password lists leaked in data
// breaches that @zxcvbn-ts/language-common keeps (about 49,000, with l33t, reversed and near-miss variants), and
// otherwise by zxcvbn's estimate of how many guesses it takes (NCSC password guidance and NIST SP 800-63B ask for
// a deny list of breached and easily guessed passwords rather than composition rules).
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

/** zxcvbn's score runs 0 (too guessable) to 4 (very unguessable); 3 is "safely unguessable" for online attack. */
const LEAST_SCORE = 3
const BREACHED = new Set(['topTen', 'topHundred', 'common', 'similarToCommon', 'pwned'])

let checker: ZxcvbnFactory | undefined

export type Guessable = 'breached' | 'easy-to-guess'

/** Why the password is guessable, or undefined when it is not. `userInputs` are words of theirs to count too. */
export function guessable(password: string, userInputs: readonly string[] = []): Guessable | undefined {
  // Built on first use: its dictionaries take about 50 ms to prepare, and most processes never set a password.
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs })
  const result = checker.check(password, [...userInputs])
  if (result.score >= LEAST_SCORE) return undefined
  return result.feedback.warning && BREACHED.has(result.feedback.warning) ? 'breached' : 'easy-to-guess'
}
