// SPDX-License-Identifier: AGPL-3.0-or-later
import { createApiKeyCommand } from '../modules/api-clients/index.ts'
import type { Command } from './main.ts'

/** Commands contributed by modules (directory imports, API clients…), listed here explicitly. */
export const EXTRA_COMMANDS: Record<string, Command> = {
  'create-api-key': createApiKeyCommand,
}
