/* country.h — countries of networks (online/rdap.c): the ISO 3166-1 code RIRs write, or
 * the English name ARIN writes in an address, to the code; the code to its name in the
 * report's language (native-host/data/countries.tsv). */
#ifndef PC_ONLINE_COUNTRY_H
#define PC_ONLINE_COUNTRY_H
#include "util/arena.h"

/* "US", "us", "United States", "UNITED STATES OF AMERICA" → "US"; NULL when unknown. */
const char *pc_country_code(const char *code_or_name);
/* The name of code in lang ("en" or "ja"); NULL when the code is unknown. */
const char *pc_country_name(const char *code, const char *lang);

#endif
