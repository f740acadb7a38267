// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import {
  detectPhotoType,
  MAX_PHOTO_BYTES,
  PROFILE_LIMITS,
  type PhotoChange,
  type ProfileDetails,
} from '../../link-worker-profile.ts'

/** A file from the photo field, as the multipart parser hands it over (see profile.routes.ts). */
export interface UploadedPhoto {
  filename: string
  content: Buffer
  /** The sender went past the size limit: the content is cut short and must not be used. */
  tooBig: boolean
}

export interface ProfileFormValues extends ProfileDetails {
  removePhoto: string
}

export type ProfileFormResult =
  | { ok: true; value: { details: ProfileDetails; photo: PhotoChange } }
  | { ok: false; errors: FieldErrors }

export function isUploadedPhoto(value: unknown): value is UploadedPhoto {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UploadedPhoto).filename === 'string' &&
    Buffer.isBuffer((value as UploadedPhoto).content)
  )
}

export function readProfileForm(body: unknown): ProfileFormValues {
  return {
    leafletName: textField(body, 'leafletName', PROFILE_LIMITS.leafletName),
    workPhone: textField(body, 'workPhone', PROFILE_LIMITS.workPhone),
    workEmail: textField(body, 'workEmail', PROFILE_LIMITS.workEmail),
    availability: textField(body, 'availability', PROFILE_LIMITS.availability),
    removePhoto: textField(body, 'removePhoto', 4),
  }
}

/** The chosen photo, or undefined when the file field was left empty (browsers still send an empty part). */
export function readUploadedPhoto(body: unknown): UploadedPhoto | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.['photo']
  const value: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw
  if (!isUploadedPhoto(value)) return undefined
  if (value.filename === '' && value.content.length === 0 && !value.tooBig) return undefined
  return value
}

// Digits with the spaces, brackets and dashes people write numbers with; 10 or 11 digits, or +44 and 10.
const PHONE_CHARACTERS = /^\+?[\d\s()-]+$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '')
}

export function isUkPhoneNumber(phone: string): boolean {
  if (!PHONE_CHARACTERS.test(phone)) return false
  const digits = phoneDigits(phone)
  if (phone.trim().startsWith('+')) return digits.startsWith('44') && digits.length === 12
  return digits.startsWith('0') && (digits.length === 10 || digits.length === 11)
}

/**
 * Parses the profile form. People need at least one way to reach their link worker; the photo, when chosen,
 * must really be a JPEG or PNG (read from its bytes) no larger than 500 KB.
 */
export function parseProfileForm(values: ProfileFormValues, upload: UploadedPhoto | undefined): ProfileFormResult {
  const errors: FieldErrors = {}
  if (!values.leafletName) errors['leafletName'] = 'Enter your name as it should appear on leaflets'
  else if (values.leafletName.length > PROFILE_LIMITS.leafletName)
    errors['leafletName'] = `Your name must be ${PROFILE_LIMITS.leafletName} characters or fewer`

  if (!values.workPhone && !values.workEmail)
    errors['workPhone'] = 'Enter a work phone number or a work email address, so people can reach you'
  if (values.workPhone && !isUkPhoneNumber(values.workPhone))
    errors['workPhone'] = 'Enter a UK phone number, like 01632 960 123 or 07700 900 123'
  if (values.workEmail && (!EMAIL.test(values.workEmail) || values.workEmail.length > PROFILE_LIMITS.workEmail))
    errors['workEmail'] = 'Enter an email address in the correct format, like name@example.org'

  if (values.availability.length > PROFILE_LIMITS.availability)
    errors['availability'] = `When you are available must be ${PROFILE_LIMITS.availability} characters or fewer`

  let photo: PhotoChange = values.removePhoto === 'yes' ? { kind: 'remove' } : { kind: 'keep' }
  if (upload) {
    const type = upload.tooBig ? null : detectPhotoType(upload.content)
    if (upload.tooBig || upload.content.length > MAX_PHOTO_BYTES)
      errors['photo'] = 'The photo must be smaller than 500 KB'
    else if (upload.content.length === 0) errors['photo'] = 'The selected photo is empty'
    else if (!type) errors['photo'] = 'The photo must be a JPG or PNG'
    else if (Object.keys(errors).length > 0)
      // Browsers cannot refill a file field, so say plainly that the photo needs choosing again.
      errors['photo'] = 'Choose your photo again: it was not saved because of the other problems'
    else photo = { kind: 'replace', photo: { content: upload.content, contentType: type } }
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const details = {
    leafletName: values.leafletName,
    workPhone: values.workPhone,
    workEmail: values.workEmail,
    availability: values.availability,
  }
  return { ok: true, value: { details, photo } }
}
