/** A tel: link that dials what was written, without spaces or slashes. */
export const tel = (phone: string) => `tel:${phone.replace(/[^+\d]/g, '')}`;
