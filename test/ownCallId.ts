// The contract of the trigger's own call id, for every test layer: up to 32 characters of 0-9a-z
// (nothing the PBX could change case of, escape or cut), never all digits (never taken for a
// 12-digit CRM id). Since the id carries the call's start (docs/call-start-id.md) it is no
// longer 32 hex.
export const OWN_CALL_ID = /^(?!\d+$)[0-9a-z]{1,32}$/;
