// The one result shape of every pure check in the package (phone numbers, dates, ids, route
// answers, event fields): the accepted value, or the reason it was refused, in words that name
// the field and the expected form, ready for an error message.
export type Checked<T = string> = { ok: true; value: T } | { ok: false; reason: string };
