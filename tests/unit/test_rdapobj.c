/* test_rdapobj.c — reading RDAP answers (online/rdapobj.c) and country names
 * (online/country.c) on the pieces each registry writes differently: the country as a
 * top-level code, a vCard "cc" parameter, a structured address or an ARIN label's last
 * line; registrants published, withheld (GDPR, RFC 9537) or behind a privacy proxy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include "data.h"
#include "online/country.h"
#include "online/rdapobj.h"

static json_t *J(const char *text) {
    json_t *j = json_loads(text, 0, NULL);
    assert_non_null(j);
    return j;
}

static void country_codes_and_names(void **s) {
    assert_string_equal(pc_country_code("US"), "US");
    assert_string_equal(pc_country_code("jp"), "JP");
    assert_string_equal(pc_country_code("United States"), "US");
    assert_string_equal(pc_country_code("UNITED STATES OF AMERICA"), "US");
    assert_string_equal(pc_country_code(" MOLDOVA, REPUBLIC OF "), "MD");
    assert_string_equal(pc_country_code("Korea, Republic of"), "KR");
    assert_null(pc_country_code("XX"));
    assert_null(pc_country_code("Redmond"));
    assert_null(pc_country_code(""));
    assert_null(pc_country_code(NULL));
    assert_string_equal(pc_country_name("US", "ja"), "米国");
    assert_string_equal(pc_country_name("US", "en"), "United States");
    assert_string_equal(pc_country_name("jp", "ja"), "日本");
    assert_null(pc_country_name("ZZ", "en"));
}

static const char *country_of(const char *text) {
    json_t *j = J(text);
    const char *c = pc_rdap_country(j);
    json_decref(j);
    return c;
}

static void network_country_in_every_shape(void **s) {
    assert_string_equal(country_of("{\"country\": \"NL\"}"), "NL");
    assert_string_equal(country_of(      /* ARIN: label only, structured fields empty */
        "{\"entities\": [{\"roles\": [\"registrant\"], \"vcardArray\": [\"vcard\", [[\"adr\","
        " {\"label\": \"One Microsoft Way\\nRedmond\\nWA\\n98052\\nUnited States\"}, \"text\","
        " [\"\", \"\", \"\", \"\", \"\", \"\", \"\"]]]]}]}"), "US");
    assert_string_equal(country_of(      /* RFC 8605 cc parameter */
        "{\"entities\": [{\"roles\": [\"registrant\"], \"vcardArray\": [\"vcard\", [[\"adr\","
        " {\"cc\": \"CA\", \"label\": \"somewhere\"}, \"text\", \"\"]]]}]}"), "CA");
    assert_string_equal(country_of(      /* structured country field, administrative contact */
        "{\"entities\": [{\"roles\": [\"abuse\"], \"vcardArray\": [\"vcard\", [[\"adr\", {}, \"text\","
        " [\"\", \"\", \"x\", \"y\", \"\", \"\", \"DE\"]]]]}, {\"roles\": [\"administrative\"],"
        " \"vcardArray\": [\"vcard\", [[\"adr\", {}, \"text\", [\"\", \"\", \"a\", \"b\", \"\", \"\", \"BR\"]]]]}]}"), "BR");
    assert_null(country_of("{\"country\": \"Mars\", \"entities\": 5}"));
    assert_null(country_of("{\"entities\": [{\"roles\": [\"registrant\"], \"vcardArray\": [\"vcard\", [[\"adr\"]]]}]}"));
}

static pc_registrant registrant_of(const char *fn, const char *org, const char *redacted, const char **who) {
    char buf[1024];
    snprintf(buf, sizeof buf, "{\"entities\": [{\"roles\": [\"registrant\"], \"vcardArray\": [\"vcard\","
             " [[\"fn\", {}, \"text\", \"%s\"], [\"org\", {}, \"text\", \"%s\"]]]}]%s}", fn, org,
             redacted ? redacted : "");
    json_t *j = J(buf);
    pc_registrant r = pc_rdap_registrant(j, who);
    static char keep[256];
    if (*who) { strncpy(keep, *who, sizeof keep - 1); *who = keep; }
    json_decref(j);
    return r;
}

static void redaction_is_not_a_proxy(void **s) {
    const char *who;
    assert_int_equal(registrant_of("REDACTED FOR PRIVACY", "KAGOYA JAPAN Inc.", NULL, &who), PC_REGISTRANT_NAMED);
    assert_string_equal(who, "KAGOYA JAPAN Inc.");
    assert_int_equal(registrant_of("Redacted for privacy", "Redacted for privacy", NULL, &who), PC_REGISTRANT_REDACTED);
    assert_int_equal(registrant_of("Data Protected", "Data Protected", NULL, &who), PC_REGISTRANT_REDACTED);
    assert_int_equal(registrant_of("Not Disclosed", "", NULL, &who), PC_REGISTRANT_REDACTED);
    assert_int_equal(registrant_of("", "", ", \"redacted\": [{\"name\": {\"type\": \"Registrant Name\"},"
                                   " \"method\": \"removal\"}]", &who), PC_REGISTRANT_REDACTED);
    assert_int_equal(registrant_of("Registration Private", "Domains By Proxy, LLC", NULL, &who), PC_REGISTRANT_PROXY);
    assert_string_equal(who, "Domains By Proxy, LLC");
    assert_int_equal(registrant_of("Redacted for Privacy", "Privacy service provided by Withheld for Privacy ehf",
                                   NULL, &who), PC_REGISTRANT_PROXY);
    assert_int_equal(registrant_of("Contact Privacy Inc. Customer 0167563215", "", NULL, &who), PC_REGISTRANT_PROXY);
    json_t *thin = J("{\"entities\": [{\"roles\": [\"registrar\"]}]}");
    assert_int_equal(pc_rdap_registrant(thin, &who), PC_REGISTRANT_NONE);
    json_decref(thin);
}

static void thin_answer_links_to_registrar(void **s) {
    json_t *j = J("{\"links\": [{\"rel\": \"self\", \"href\": \"https://rdap.verisign.com/com/v1/domain/X.COM\","
                  " \"type\": \"application/rdap+json\"}, {\"rel\": \"related\", \"href\": \"https://whois.example/x\","
                  " \"type\": \"text/html\"}, {\"rel\": \"related\", \"href\": \"https://rdap.registrar.example/domain/X.COM\","
                  " \"type\": \"application/rdap+json\"}], \"events\": [{\"eventAction\": \"expiration\","
                  " \"eventDate\": \"2030-01-01T00:00:00Z\"}, {\"eventAction\": \"registration\", \"eventDate\":"
                  " \"2023-12-24T22:05:11Z\"}]}");
    assert_string_equal(pc_rdap_related(j), "https://rdap.registrar.example/domain/X.COM");
    assert_string_equal(pc_rdap_registered(j), "2023-12-24T22:05:11Z");
    json_decref(j);
    j = J("{\"links\": \"nonsense\", \"events\": [1, {\"eventAction\": 2}]}");
    assert_null(pc_rdap_related(j));
    assert_null(pc_rdap_registered(j));
    json_decref(j);
}

static void network_holder(void **s) {
    json_t *j = J("{\"name\": \"MD-MOLDCLOUD\", \"remarks\": [{\"title\": \"remarks\", \"description\": [\"x\"]},"
                  " {\"title\": \"description\", \"description\": [\"Moldcloud VPS hosting\"]}],"
                  " \"entities\": [{\"handle\": \"ORG-1\", \"roles\": [\"registrant\"]}]}");
    assert_string_equal(pc_rdap_holder(j), "Moldcloud VPS hosting");
    json_decref(j);
    j = J("{\"name\": \"MSFT\"}");
    assert_string_equal(pc_rdap_holder(j), "MSFT");
    json_decref(j);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(country_codes_and_names),
        cmocka_unit_test(network_country_in_every_shape),
        cmocka_unit_test(redaction_is_not_a_proxy),
        cmocka_unit_test(thin_answer_links_to_registrar),
        cmocka_unit_test(network_holder),
    };
    int r = cmocka_run_group_tests_name("rdapobj", tests, NULL, NULL);
    pc_data_free();
    return r;
}
