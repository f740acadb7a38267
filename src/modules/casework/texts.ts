// SPDX-License-Identifier: AGPL-3.0-or-later
// Text messages to the person, sent through GOV.UK Notify and kept on their contact history (issue 9).
import { CONTACT_TYPE_LABELS } from './casework.ts'
import { formatBookingDate, londonWallClock, type Booking } from './bookings.ts'

/** Two text messages' worth, with room for the signature the app adds. */
export const OWN_MESSAGE_MAX = 250

export function signature(workerName: string, serviceName: string): string {
  return `${workerName.split(' ')[0]}, ${serviceName}`
}

/** The reminder of a booked contact, in plain words, without anything the person did not already know. */
export function reminderText(booking: Booking, givenName: string, workerName: string, serviceName: string): string {
  const { date, time } = londonWallClock(booking.startsAt)
  const what = CONTACT_TYPE_LABELS[booking.type].toLowerCase()
  const where = booking.place ? ` at ${booking.place}` : ''
  return (
    `Hello ${givenName}, a reminder of your ${what}${where} on ${formatBookingDate(date)} at ${time}. ` +
    `If you need to change it, please get in touch. ${signature(workerName, serviceName)}`
  )
}

export function ownText(message: string, workerName: string, serviceName: string): string {
  return `${message.trim()} ${signature(workerName, serviceName)}`
}
