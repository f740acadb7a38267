// SPDX-License-Identifier: AGPL-3.0-or-later
import { REGISTER_LINK_DAYS, RESPONSE_LINK_DAYS } from './connection.ts'

// The emails a group gets. They hold nothing about the person (email is not a safe place for it): the links show
// what the person agreed to share, without an account.

function linkTo(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/$/, '')}${path}`
}

/** A new connection: see who would like to come, and answer. */
export function groupEmail(
  publicUrl: string,
  token: string,
  serviceName: string,
  fromService: string,
): { subject: string; text: string } {
  return {
    subject: `Someone would like to join ${serviceName}`,
    text:
      `${fromService} supports people to find groups and activities that help their wellbeing. One of our link ` +
      `workers has suggested ${serviceName} to someone, and they would like to come along.\n\n` +
      `Please open this link to see their details and let us know if you can welcome them:\n` +
      `${linkTo(publicUrl, `/connections/respond/${token}`)}\n\n` +
      `The link works for ${RESPONSE_LINK_DAYS} days. You do not need an account. Please do not forward it: it ` +
      `shows personal details the person agreed to share with you.\n`,
  }
}

/** A reminder, once, to a group that has not answered: a new link (the first one stops working). */
export function nudgeEmail(
  publicUrl: string,
  token: string,
  serviceName: string,
  fromService: string,
  sentOn: string,
): { subject: string; text: string } {
  const on = new Date(`${sentOn}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    timeZone: 'Europe/London',
  })
  return {
    subject: `Reminder: someone would like to join ${serviceName}`,
    text:
      `On ${on} ${fromService} asked whether you could welcome someone to ${serviceName}. We have not heard back ` +
      `yet, and they are waiting to hear.\n\n` +
      `Please open this link to see their details and let us know, even if you cannot take them:\n` +
      `${linkTo(publicUrl, `/connections/respond/${token}`)}\n\n` +
      `This link replaces the one in our first email. It works for ${RESPONSE_LINK_DAYS} days and you do not need ` +
      `an account. Please do not forward it: it shows personal details the person agreed to share with you.\n`,
  }
}

/** The group's register: tick who came to a session. */
export function registerEmail(
  publicUrl: string,
  token: string,
  serviceName: string,
  fromService: string,
): { subject: string; text: string } {
  return {
    subject: `Your register for ${serviceName}`,
    text:
      `${fromService} has connected people to ${serviceName}. After a session, please use this link to tick who ` +
      `came, so their link worker knows they got there:\n` +
      `${linkTo(publicUrl, `/connections/register/${token}`)}\n\n` +
      `Keep the link for the next ${REGISTER_LINK_DAYS} days and use it after each session. You do not need an ` +
      `account. Please do not forward it: it shows the names of the people connected to your group.\n`,
  }
}
