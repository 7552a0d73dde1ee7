/** `record=new` in a link to an LAO's workspace (a checklist "fix it" link): the section's form for a new record. */
export const NEW_RECORD = 'new';

/** Prefix of the link parameters that fill in fields of that new record (`v.month=11`): numbers only. */
const PREFILL = 'v.';

/** The link parameters that fill in a new record's fields. */
export function prefillParams(fields: Readonly<Record<string, number>>): Array<[string, string]> {
  return Object.entries(fields).map(([name, value]) => [`${PREFILL}${name}`, String(value)]);
}

/** The fields a link fills in, read back; anything not a whole number is left out. */
export function prefillOf(params: URLSearchParams): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const [key, value] of params) {
    if (!key.startsWith(PREFILL) || !/^-?\d{1,6}$/.test(value)) continue;
    fields[key.slice(PREFILL.length)] = Number(value);
  }
  return fields;
}
