// SPDX-License-Identifier: AGPL-3.0-or-later
// The three forms of a connection: the link worker connects, the link worker records progress, the group answers.
import { SUBMISSION_KEY, textField, type FieldErrors, type FormResult } from '../../../platform/http/forms.ts'
import { isOneOf } from '../../../shared/one-of.ts'
import { isUuid } from '../../../shared/uuid.ts'
import {
  ACCOMPANIED_BY,
  DECLINE_REASONS,
  NOTE_MAX,
  PROVIDER_ANSWERS,
  SHARING,
  STOP_REASONS,
  WORKER_UPDATES,
  type NewConnection,
  type ProviderAnswer,
  type StatusChange,
  type WorkerUpdate,
} from '../connection.ts'

export const NO_GOAL = 'none'

function result<T>(errors: FieldErrors, value: () => T): FormResult<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: value() }
}

// ---- Connect ----

export interface ConnectValues {
  service: string
  goal: string
  sharing: string
  accompaniedBy: string
  firstSessionNote: string
  submissionKey: string
  /** 'yes' when the person agreed to be emailed the group's details. */
  emailPerson: string
}

export function readConnectForm(body: unknown): ConnectValues {
  return {
    emailPerson: textField(body, 'emailPerson', 3),
    service: textField(body, 'service', 40),
    goal: textField(body, 'goal', 40),
    sharing: textField(body, 'sharing', 20),
    accompaniedBy: textField(body, 'accompaniedBy', 20),
    firstSessionNote: textField(body, 'firstSessionNote', NOTE_MAX + 1),
    submissionKey: textField(body, 'submissionKey', 64),
  }
}

export function parseConnectForm(values: ConnectValues): FormResult<NewConnection & { emailPerson: boolean }> {
  const errors: FieldErrors = {}
  if (!isUuid(values.service)) errors['service'] = 'Select the service to connect them to'
  if (values.goal !== NO_GOAL && !isUuid(values.goal)) errors['goal'] = 'Select the goal it serves, or no goal'
  if (!isOneOf(SHARING, values.sharing)) errors['sharing'] = 'Select what they agreed to share with the group'
  if (!isOneOf(ACCOMPANIED_BY, values.accompaniedBy))
    errors['accompaniedBy'] = 'Select whether someone will go with them the first time'
  if (values.firstSessionNote.length > NOTE_MAX)
    errors['firstSessionNote'] = `First session arrangements must be ${NOTE_MAX} characters or fewer`
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['service'] ??= 'The form expired. Check your answers and try again'
  return result(errors, () => ({
    submissionKey: values.submissionKey,
    directoryServiceId: values.service,
    goalKey: values.goal === NO_GOAL ? null : values.goal,
    sharing: values.sharing as NewConnection['sharing'],
    accompaniedBy: values.accompaniedBy as NewConnection['accompaniedBy'],
    firstSessionNote: values.firstSessionNote.trim(),
    emailPerson: values.emailPerson === 'yes',
  }))
}

// ---- Status: the reasons a decline or a stop needs ----

export interface StatusValues {
  status: string
  declineReason: string
  stopReason: string
  note: string
}

function readStatusValues(body: unknown): StatusValues {
  return {
    status: textField(body, 'status', 20),
    declineReason: textField(body, 'declineReason', 30),
    stopReason: textField(body, 'stopReason', 30),
    note: textField(body, 'note', NOTE_MAX + 1),
  }
}

function reasonFor(values: StatusValues, errors: FieldErrors): string | null {
  if (values.status === 'declined') {
    if (!isOneOf(DECLINE_REASONS, values.declineReason)) errors['declineReason'] = 'Select why it did not go ahead'
    return values.declineReason
  }
  if (values.status === 'stopped') {
    if (!isOneOf(STOP_REASONS, values.stopReason)) errors['stopReason'] = 'Select why they stopped'
    return values.stopReason
  }
  return null
}

function checkNote(values: StatusValues, errors: FieldErrors, needed: boolean): void {
  if (values.note.length > NOTE_MAX) errors['note'] = `The note must be ${NOTE_MAX} characters or fewer`
  else if (needed && !values.note.trim()) errors['note'] = 'Say what the other reason is'
}

// ---- Progress, recorded by the link worker ----

export interface ProgressValues extends StatusValues {
  rowVersion: string
}

export function readProgressForm(body: unknown): ProgressValues {
  return { ...readStatusValues(body), rowVersion: textField(body, 'rowVersion', 10) }
}

export function parseProgressForm(
  values: ProgressValues,
): FormResult<{ change: StatusChange & { status: WorkerUpdate }; rowVersion: number }> {
  const errors: FieldErrors = {}
  if (!isOneOf(WORKER_UPDATES, values.status)) errors['status'] = 'Select what has happened'
  const reason = reasonFor(values, errors)
  checkNote(values, errors, reason === 'other')
  const rowVersion = Number(values.rowVersion)
  if (!Number.isInteger(rowVersion) || rowVersion < 1) errors['status'] ??= 'The form expired. Try again'
  return result(errors, () => ({
    change: { status: values.status as WorkerUpdate, reason, note: values.note.trim() },
    rowVersion,
  }))
}

// ---- The group's answer ----

export function readAnswerForm(body: unknown): StatusValues {
  return readStatusValues(body)
}

export function parseAnswerForm(values: StatusValues): FormResult<StatusChange & { status: ProviderAnswer }> {
  const errors: FieldErrors = {}
  if (!isOneOf(PROVIDER_ANSWERS, values.status)) errors['status'] = 'Select your answer'
  const reason = reasonFor(values, errors)
  checkNote(values, errors, reason === 'other')
  return result(errors, () => ({ status: values.status as ProviderAnswer, reason, note: values.note.trim() }))
}
