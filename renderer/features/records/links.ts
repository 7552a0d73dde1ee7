/** `record=new` in a link to an LAO's workspace (a checklist "fix it" link): the section's form for a new record. */
export const NEW_RECORD = 'new';
