/**
 * NPI check digit: the Luhn formula over the 9 leading digits prefixed with the card
 * issuer prefix 80840 (CMS NPI standard), compared with the 10th digit.
 */
const TEN_DIGITS = /^\d{10}$/;

/** Ten digits and nothing else: the shape of an NPI. */
export function isTenDigits(value: string): boolean {
  return TEN_DIGITS.test(value);
}

export function isValidNpi(npi: string): boolean {
  if (!isTenDigits(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  // Double every second digit from the right of the payload (the check digit is not in it).
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === Number(npi[9]);
}
