/**
 * Genesys Cloud domains, from the SDK's PureCloudRegionHosts (reference §1). The API lives at
 * https://api.<domain> and the login at https://login.<domain>; token and API must share a domain.
 */
export const GENESYS_REGIONS = {
  us_east_1: 'mypurecloud.com',
  us_east_2: 'use2.us-gov-pure.cloud',
  us_west_2: 'usw2.pure.cloud',
  ca_central_1: 'cac1.pure.cloud',
  sa_east_1: 'sae1.pure.cloud',
  mx_central_1: 'mxc1.pure.cloud',
  eu_west_1: 'mypurecloud.ie',
  eu_west_2: 'euw2.pure.cloud',
  eu_central_1: 'mypurecloud.de',
  eu_central_2: 'euc2.pure.cloud',
  eusc_de_east_1: 'edee1.eusc-pure.cloud',
  me_central_1: 'mec1.pure.cloud',
  ap_south_1: 'aps1.pure.cloud',
  ap_southeast_1: 'apse1.pure.cloud',
  ap_southeast_2: 'mypurecloud.com.au',
  ap_northeast_1: 'mypurecloud.jp',
  ap_northeast_2: 'apne2.pure.cloud',
  ap_northeast_3: 'apne3.pure.cloud',
} as const;

export const GENESYS_DOMAINS = Object.values(GENESYS_REGIONS) as [
  (typeof GENESYS_REGIONS)[keyof typeof GENESYS_REGIONS],
  ...Array<(typeof GENESYS_REGIONS)[keyof typeof GENESYS_REGIONS]>,
];
