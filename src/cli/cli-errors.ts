// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Config } from '../config.ts'
import type { DatabaseRuntime } from '../platform/db/runtime.ts'

/** A mistake the operator can fix; printed without a stack trace, exit code 2. */
export class UsageError extends Error {}

export interface CommandContext {
  args: string[]
  open: () => Promise<DatabaseRuntime>
  /** The settings `open` uses (which database, which data folder). */
  config: Config
  print: (line: string) => void
}

export interface Command {
  summary: string
  usage: string
  run(context: CommandContext): Promise<void>
}
