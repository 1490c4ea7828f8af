/**
 * Variants of one valid `v0=<hex>` Slack signature header. Bolt splits the header on '=' and
 * reads only the first two parts, so the padded and doubled ones still verify; the upper-case one
 * does not (the digest comparison is case-sensitive). Each must count as the same request.
 */
export function signatureVariants(signature: string): Array<[what: string, header: string]> {
  const hex = signature.slice('v0='.length);
  return [
    ['padded with =x', `${signature}=x`],
    ['padded with =y', `${signature}=y`],
    ['padded with a bare =', `${signature}=`],
    ['the digest doubled', `${signature}=${hex}`],
    ['the hex in upper case', `v0=${hex.toUpperCase()}`],
  ];
}
