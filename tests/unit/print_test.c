// SPDX-License-Identifier: BSD-2-Clause
#include <sys/time.h>

#include <stdlib.h>
#include <time.h>

#include "msgtest.h"
#include "print.h"
#include "unit.h"

/* Dec  4 13:20:00 2024 UTC; "now" is 42 seconds later */
#define T0	1733318400ULL

static const struct print_opts plain = { .now = (time_t)T0 + 42 };

static void
utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

static char *
dump(const struct tmsg *m, const struct print_opts *po, int *rc)
{
	char *text = NULL;
	size_t size;
	FILE *fp = open_memstream(&text, &size);
	void *buf = tm_copy(m, m->len);

	*rc = print_dump(fp, buf, m->len, po);
	fclose(fp);
	free(buf);
	return text;
}

static char *
decode(const struct tmsg *m, size_t len, const struct print_opts *po)
{
	char *text = NULL;
	size_t size;
	FILE *fp = open_memstream(&text, &size);
	void *buf = tm_copy(m, len);

	print_msg(fp, buf, len, po);
	fclose(fp);
	free(buf);
	return text;
}

/* an ESP SA as Linux dumps it: sa, lifetimes, addresses, keys, sa2 */
static void
esp_sa(struct tmsg *m, uint32_t spi, const char *src, const char *dst,
    const char *ekey, const char *akey)
{
	tm_start(m, SADB_DUMP, SADB_SATYPE_ESP, 1, 4242);
	tm_sa(m, spi, SADB_SASTATE_MATURE, SADB_AALG_SHA1HMAC,
	    SADB_EALG_DESCBC);
	tm_lifetime(m, SADB_EXT_LIFETIME_HARD, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, T0, 0);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, src, 0, 32, 0);
	tm_addr(m, SADB_EXT_ADDRESS_DST, dst, 0, 32, 0);
	tm_key(m, SADB_EXT_KEY_AUTH, akey, strlen(akey));
	tm_key(m, SADB_EXT_KEY_ENCRYPT, ekey, strlen(ekey));
	tm_sa2(m, IPSEC_MODE_TRANSPORT, 0);
	tm_end(m);
}

/* the first SA of golden 026-transport-des-cbc-hmac-sha1-cf */
TEST(print_sa_golden_026)
{
	struct tmsg m;
	char *text;
	int rc;

	utc();
	esp_sa(&m, 4097, "192.168.10.2", "192.168.10.1", "ygdb4342",
	    "oitj6193wfix8111wze8");
	text = dump(&m, &plain, &rc);
	CHECK(rc == 0);
	CHECK_STR(text,
	    "192.168.10.2 192.168.10.1 \n"
	    "\tesp mode=transport spi=4097(0x00001001) reqid=0(0x00000000)\n"
	    "\tE: des-cbc  79676462 34333432\n"
	    "\tA: hmac-sha1  6f69746a 36313933 77666978 38313131 777a6538\n"
	    "\tseq=0x00000000 replay=0 flags=0x00000000 state=mature \n"
	    "\tcreated: Dec  4 13:20:00 2024\tcurrent: Dec  4 13:20:42 2024\n"
	    "\tdiff: 42(s)\thard: 0(s)\tsoft: 0(s)\n"
	    "\tlast:                     \thard: 0(s)\tsoft: 0(s)\n"
	    "\tcurrent: 0(bytes)\thard: 0(bytes)\tsoft: 0(bytes)\n"
	    "\tallocated: 0\thard: 0\tsoft: 0\n"
	    "\tsadb_seq=1 pid=4242 refcnt=0\n");
	free(text);
}

/* golden 007: a 48-byte key wraps after 32 bytes, the rest after a blank */
TEST(print_sa_key_wrap)
{
	static const char key[] = "ddkoqfyyxzdpnmqewseoyejmzbfxxdbm"
	    "rvdneopqfmafhksz";
	struct tmsg m;
	char *text;
	int rc;

	utc();
	tm_start(&m, SADB_DUMP, SADB_SATYPE_AH, 0, 7);
	tm_sa(&m, 10001, SADB_SASTATE_MATURE, SADB_X_AALG_SHA2_384HMAC, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.2", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "10.0.0.1", 0, 32, 0);
	tm_key(&m, SADB_EXT_KEY_AUTH, key, 48);
	tm_sa2(&m, IPSEC_MODE_TRANSPORT, 0);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(rc == 0);
	CHECK_STR(text,
	    "10.0.0.2 10.0.0.1 \n"
	    "\tah mode=transport spi=10001(0x00002711) reqid=0(0x00000000)\n"
	    "\tA: hmac-sha384  64646b6f 71667979 787a6470 6e6d7165 7773656f "
	    "79656a6d 7a626678 7864626d\n"
	    " 7276646e 656f7071 666d6166 686b737a\n"
	    "\tseq=0x00000000 replay=0 flags=0x00000000 state=mature \n"
	    "\tsadb_seq=0 pid=7 refcnt=0\n");
	free(text);
}

/* exactly 32 bytes: no continuation line (golden bugs/005) */
TEST(print_sa_key_32_bytes)
{
	struct tmsg m;
	char *text;
	int rc;

	tm_start(&m, SADB_DUMP, SADB_SATYPE_AH, 0, 7);
	tm_sa(&m, 0x3000, SADB_SASTATE_MATURE, SADB_X_AALG_SHA2_256HMAC, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "192.0.2.1", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "192.0.2.2", 0, 32, 0);
	tm_key(&m, SADB_EXT_KEY_AUTH, "0123456789abcdef0123456789abcdef",
	    32);
	tm_sa2(&m, IPSEC_MODE_TUNNEL, 0);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(strstr(text, "\tA: hmac-sha256  30313233 34353637 38396162 "
	    "63646566 30313233 34353637 38396162 63646566\n\tseq=") != NULL);
	CHECK(strstr(text, "mode=tunnel spi=12288(0x00003000)") != NULL);
	free(text);
}

/* IPComp: "C: deflate " and the seq= line on the same line */
TEST(print_sa_ipcomp)
{
	struct tmsg m;
	char *text;
	int rc;

	tm_start(&m, SADB_DUMP, SADB_X_SATYPE_IPCOMP, 0, 7);
	tm_sa(&m, 0x1234, SADB_SASTATE_MATURE, 0, SADB_X_CALG_DEFLATE);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "10.0.0.2", 0, 32, 0);
	tm_sa2(&m, IPSEC_MODE_TUNNEL, 7);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK_STR(text,
	    "10.0.0.1 10.0.0.2 \n"
	    "\tipcomp mode=tunnel spi=4660(0x00001234) reqid=7(0x00000007)\n"
	    "\tC: deflate \tseq=0x00000000 replay=0 flags=0x00000000 "
	    "state=mature \n"
	    "\tsadb_seq=0 pid=7 refcnt=0\n");
	free(text);
}

/* NAT-T: esp-udp and the encapsulation ports, with or without -p */
TEST(print_sa_natt_and_ports)
{
	struct print_opts po = plain;
	struct tmsg m;
	char *text;
	int rc;

	tm_start(&m, SADB_DUMP, SADB_SATYPE_ESP, 0, 7);
	tm_sa(&m, 0x1000, SADB_SASTATE_MATURE, 0, SADB_X_EALG_AESCBC);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "192.0.2.1", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "2001:db8::1", 0, 128, 0);
	tm_key(&m, SADB_EXT_KEY_ENCRYPT, "0123456789abcdef", 16);
	tm_sa2(&m, IPSEC_MODE_TRANSPORT, 0);
	tm_natt(&m, 4500, 4501);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(strstr(text, "192.0.2.1[4500] 2001:db8::1[4501] \n"
	    "\tesp-udp mode=transport spi=4096(0x00001000) ") == text);
	CHECK(strstr(text, "\tE: aes-cbc  30313233 ") != NULL);
	free(text);

	esp_sa(&m, 4097, "192.168.10.2", "192.168.10.1", "ygdb4342",
	    "oitj6193wfix8111wze8");
	po.ports = true;
	text = dump(&m, &po, &rc);
	CHECK(strstr(text, "192.168.10.2[0] 192.168.10.1[0] \n\tesp ") ==
	    text);
	free(text);
}

/* dead SAs only with -a; unknown algorithm ids print as numbers */
TEST(print_sa_dead_and_unknown)
{
	struct print_opts po = plain;
	struct tmsg m;
	char *text;
	int rc;

	tm_start(&m, SADB_DUMP, SADB_SATYPE_ESP, 0, 7);
	tm_sa(&m, 0x1000, SADB_SASTATE_DEAD, 200, 201);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "10.0.0.2", 0, 32, 0);
	tm_key(&m, SADB_EXT_KEY_ENCRYPT, "\x01\x02\x03\x04", 4);
	tm_key(&m, SADB_EXT_KEY_AUTH, "\xff", 1);
	tm_end(&m);
	text = dump(&m, &po, &rc);
	CHECK(rc == 1);
	CHECK_STR(text, "");
	free(text);

	po.all = true;
	text = dump(&m, &po, &rc);
	CHECK(rc == 0);
	CHECK_STR(text,
	    "10.0.0.1 10.0.0.2 \n"
	    "\tesp mode=any spi=4096(0x00001000) reqid=0(0x00000000)\n"
	    "\tE: 201  01020304\n"
	    "\tA: 200  ff\n"
	    "\tseq=0x00000000 replay=0 flags=0x00000000 state=dead \n"
	    "\tsadb_seq=0 pid=7 refcnt=0\n");
	free(text);
}

/* a policy as Linux dumps it: addresses, lifetimes, policy; refcnt */
static size_t
policy(struct tmsg *m, const char *src, const char *dst, uint8_t plen,
    uint8_t proto, uint8_t dir, uint32_t prio)
{
	struct sadb_msg *h;
	size_t at;

	tm_start(m, SADB_X_SPDDUMP, 0, 1, 4242);
	h = (void *)m->w;
	h->sadb_msg_reserved = 2;
	tm_addr(m, SADB_EXT_ADDRESS_SRC, src, 0, plen, proto);
	tm_addr(m, SADB_EXT_ADDRESS_DST, dst, 0, plen, proto);
	tm_lifetime(m, SADB_EXT_LIFETIME_HARD, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, T0, 0);
	at = tm_policy(m, dir, IPSEC_POLICY_IPSEC, 8 * 100 + dir - 1, prio);
	return at;
}

/* the first policy of golden 026 */
TEST(print_sp_golden_026)
{
	struct tmsg m;
	char *text;
	size_t at;
	int rc;

	utc();
	at = policy(&m, "192.168.10.2", "192.168.10.1", 32, 255,
	    IPSEC_DIR_OUTBOUND, 0x80000000u);
	tm_req(&m, IPPROTO_ESP, IPSEC_MODE_TRANSPORT, IPSEC_LEVEL_REQUIRE,
	    0, NULL, NULL, 0);
	tm_policy_end(&m, at);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(rc == 0);
	CHECK_STR(text,
	    "192.168.10.2[any] 192.168.10.1[any] 255\n"
	    "\tout prio def ipsec\n"
	    "\tesp/transport//require\n"
	    "\tcreated: Dec  4 13:20:00 2024  lastused:                     \n"
	    "\tlifetime: 0(s) validtime: 0(s)\n"
	    "\tspid=801 seq=1 pid=4242\n"
	    "\trefcnt=2\n");
	free(text);
}

/* the first line or two of a policy entry with one request */
static char *
sp_head(uint8_t proto, uint16_t sport, uint16_t dport, uint8_t plen,
    uint32_t prio)
{
	struct tmsg m;
	struct sadb_msg *h;
	char *text, *cut;
	size_t at;
	int rc;

	tm_start(&m, SADB_X_SPDGET, 0, 0, 1);
	h = (void *)m.w;
	h->sadb_msg_reserved = 2;
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.1.0.0", sport, plen, proto);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "10.2.0.0", dport, plen, proto);
	at = tm_policy(&m, IPSEC_DIR_INBOUND, IPSEC_POLICY_NONE, 8, prio);
	tm_policy_end(&m, at);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	if ((cut = strstr(text, "\tspid=")) != NULL)
		*cut = '\0';
	return text;
}

TEST(print_sp_selectors)
{
	char *t;

	t = sp_head(6, 110, 0, 16, 0x80000000u);
	CHECK_STR(t, "10.1.0.0/16[110] 10.2.0.0/16[any] tcp\n"
	    "\tin prio def none\n");
	free(t);
	t = sp_head(IPPROTO_ICMP, 8, 0, 32, 0x80000000u);
	CHECK_STR(t, "10.1.0.0 10.2.0.0 icmp 8,0\n\tin prio def none\n");
	free(t);
	t = sp_head(IPPROTO_ICMP, 0, 0, 32, 0x80000000u);
	CHECK_STR(t, "10.1.0.0 10.2.0.0 icmp\n\tin prio def none\n");
	free(t);
	t = sp_head(IPPROTO_GRE, 1, 2, 0, 0x80000000u);
	CHECK_STR(t, "10.1.0.0/0 10.2.0.0/0 gre 65538\n"
	    "\tin prio def none\n");
	free(t);
}

TEST(print_sp_priorities)
{
	static const struct {
		uint32_t	 prio;
		const char	*want;
	} cases[] = {
		{ 0, "\tin none\n" },
		{ 0x80000000u, "\tin prio def none\n" },
		{ 0x80000000u - 100, "\tin prio def + 100 none\n" },
		{ 0x80000000u + 5, "\tin prio def - 5 none\n" },
		{ 0x40000000u, "\tin prio high none\n" },
		{ 0x40000000u - 7, "\tin prio high + 7 none\n" },
		{ 0x5fffffffu, "\tin prio high - 536870911 none\n" },
		{ 0x60000000u, "\tin prio def + 536870912 none\n" },
		{ 0xa0000000u, "\tin prio low + 536870912 none\n" },
		{ 0xc0000000u, "\tin prio low none\n" },
		{ 0xffffffffu, "\tin prio low - 1073741823 none\n" },
	};
	size_t i;
	char *t, *line;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = sp_head(255, 0, 0, 32, cases[i].prio);
		line = strchr(t, '\n');
		CHECK(line != NULL);
		if (line != NULL)
			CHECK_STR(line + 1, cases[i].want);
		free(t);
	}
}

/* requests: tunnel endpoints, unique:N up to 0x3fff, unique#N above */
TEST(print_sp_requests)
{
	struct tmsg m;
	char *text;
	size_t at;
	int rc;

	at = policy(&m, "10.1.0.0", "10.2.0.0", 24, 255, IPSEC_DIR_OUTBOUND,
	    0x80000000u);
	tm_req(&m, IPPROTO_ESP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_UNIQUE,
	    0x3fff, "198.51.100.7", "203.0.113.9", 0);
	tm_req(&m, IPPROTO_AH, IPSEC_MODE_TRANSPORT, IPSEC_LEVEL_UNIQUE,
	    0x4000, NULL, NULL, 0);
	tm_req(&m, IPPROTO_COMP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_USE, 0,
	    "2001:db8::1", "2001:db8::2", 4500);
	tm_policy_end(&m, at);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(rc == 0);
	CHECK(strstr(text, "10.1.0.0/24[any] 10.2.0.0/24[any] 255\n"
	    "\tout prio def ipsec\n"
	    "\tesp/tunnel/198.51.100.7-203.0.113.9/unique:16383\n"
	    "\tah/transport//unique#16384\n"
	    "\tipcomp/tunnel/2001:db8::1[4500]-2001:db8::2[4500]/use\n"
	    "\tcreated: ") == text);
	free(text);
}

TEST(print_sp_per_socket)
{
	struct tmsg m;
	char *text;
	size_t at;
	int rc;

	tm_start(&m, SADB_X_SPDDUMP, 0, 0, 1);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "0.0.0.0", 0, 0, 255);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "0.0.0.0", 0, 0, 255);
	at = tm_policy(&m, 5, IPSEC_POLICY_BYPASS, 8 * 3 + 4, 0);
	tm_policy_end(&m, at);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(rc == 0);
	CHECK_STR(text, "(per-socket policy) \n"
	    "\tout(socket) bypass\n"
	    "\tspid=28 seq=0 pid=1\n"
	    "\trefcnt=0\n");
	free(text);
}

/* what a dump entry needs but lacks is said, not guessed */
TEST(print_dump_incomplete)
{
	struct tmsg m;
	char *text;
	int rc;

	tm_start(&m, SADB_DUMP, SADB_SATYPE_ESP, 0, 1);
	tm_sa(&m, 0x1000, SADB_SASTATE_MATURE, 0, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 0);
	tm_end(&m);
	text = dump(&m, &plain, &rc);
	CHECK(rc == -1);
	CHECK_STR(text, "\t! incomplete entry: no address_dst extension\n");
	free(text);
}

/* a cut message: what is sound is printed, then the flag */
TEST(print_dump_truncated)
{
	struct tmsg m;
	char *text = NULL;
	size_t size;
	FILE *fp;
	void *buf;
	int rc;

	esp_sa(&m, 4097, "192.168.10.2", "192.168.10.1", "ygdb4342",
	    "oitj6193wfix8111wze8");
	buf = tm_copy(&m, m.len - 8);
	fp = open_memstream(&text, &size);
	rc = print_dump(fp, buf, m.len - 8, &plain);
	fclose(fp);
	free(buf);
	CHECK(rc == -1);
	CHECK(strstr(text, "192.168.10.2 192.168.10.1 \n\tesp mode=any ") ==
	    text);
	CHECK(strstr(text, "\tsadb_seq=1 pid=4242 refcnt=0\n"
	    "\t! malformed message: message cut short "
	    "(224 of 232 bytes sound)\n") != NULL);
	free(text);
}

TEST(print_msg_layout)
{
	struct print_opts po = plain;
	struct tmsg m;
	char *text;

	utc();
	esp_sa(&m, 4097, "192.168.10.2", "192.168.10.1", "ygdb4342",
	    "oitj6193wfix8111wze8");
	text = decode(&m, m.len, &po);
	CHECK_STR(text,
	    "SADB_DUMP: version=2 type=10 errno=0 satype=esp len=30 "
	    "reserved=0 seq=1 pid=4242\n"
	    "\tsa: spi=4097(0x00001001) replay=0 flags=0x00000000 "
	    "state=mature auth=hmac-sha1 encrypt=des-cbc\n"
	    "\tlifetime_hard: allocations=0 bytes=0 addtime=0(s) "
	    "usetime=0(s)\n"
	    "\tlifetime_soft: allocations=0 bytes=0 addtime=0(s) "
	    "usetime=0(s)\n"
	    "\tlifetime_current: allocations=0 bytes=0 "
	    "created: Dec  4 13:20:00 2024 last:                     \n"
	    "\taddress_src: 192.168.10.2[any] prefixlen=32 proto=ip\n"
	    "\taddress_dst: 192.168.10.1[any] prefixlen=32 proto=ip\n"
	    "\tkey_auth: bits=160 A: hmac-sha1  6f69746a 36313933 77666978 "
	    "38313131 777a6538\n"
	    "\tkey_encrypt: bits=64 E: des-cbc  79676462 34333432\n"
	    "\tx_sa2: mode=transport reqid=0(0x00000000) seq=0x00000000\n"
	    "\n");
	free(text);

	po.hex = true;
	text = decode(&m, 16, &po);
	CHECK(strstr(text, "00000000: 02 0a 00 03 1e 00 00 00 01 00 00 00 "
	    "92 10 00 00\nSADB_DUMP: ") == text);
	CHECK(strstr(text, "\t! malformed message: message cut short "
	    "(16 of 16 bytes sound)\n") != NULL);
	free(text);
}

/* an extension the header does not know: type, length and hex */
TEST(print_msg_unknown_ext)
{
	struct tmsg m;
	struct sadb_ext *ext;
	char *text;

	tm_start(&m, SADB_X_SPDADD, 0, 3, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 255);
	ext = tm_put(&m, 16);
	ext->sadb_ext_len = 2;
	ext->sadb_ext_type = 99;
	((uint8_t *)ext)[8] = 0xab;
	tm_end(&m);
	text = decode(&m, m.len, &plain);
	CHECK(strstr(text, "SADB_X_SPDADD: version=2 type=14 errno=0 "
	    "satype=unspec len=7 ") == text);
	/* not malformed: a type newer than our headers */
	CHECK(strstr(text, "\taddress_src: 10.0.0.1[any] prefixlen=32 "
	    "proto=255\n\text type=99 len=2: 16 bytes\n"
	    "00000000: 02 00 63 00 00 00 00 00 ab 00 00 00 00 00 00 00\n\n")
	    != NULL);
	CHECK(strstr(text, "malformed") == NULL);
	free(text);
}

TEST(print_msg_errno_and_policy)
{
	struct tmsg m;
	struct sadb_msg *h;
	char *text;
	size_t at;

	at = policy(&m, "10.1.0.0", "10.2.0.0", 24, 6, IPSEC_DIR_FWD, 0);
	tm_req(&m, IPPROTO_ESP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_REQUIRE, 0,
	    "192.0.2.1", "192.0.2.2", 0);
	tm_policy_end(&m, at);
	h = tm_end(&m);
	h->sadb_msg_errno = 17;
	text = decode(&m, m.len, &plain);
	CHECK(strstr(text, "errno=17(File exists) satype=unspec") != NULL);
	CHECK(strstr(text, "\tx_policy: fwd ipsec spid=802 "
	    "priority=0x00000000\n\t\tesp/tunnel/192.0.2.1-192.0.2.2/require\n")
	    != NULL);
	free(text);
}

TEST(print_timestamp_forms)
{
	struct timeval tv = { .tv_sec = (time_t)T0 + 3723, .tv_usec = 42 };
	char *text = NULL;
	size_t size;
	FILE *fp;

	utc();
	fp = open_memstream(&text, &size);
	print_timestamp(fp, &tv, false);
	print_timestamp(fp, &tv, true);
	fclose(fp);
	CHECK_STR(text, "14:22:03.000042\n1733322123.000042\n");
	free(text);
}
