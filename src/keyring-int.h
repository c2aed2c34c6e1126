/*
 * Internal to the key file (keyring.c, keyring-load.c): its format, the
 * slots and the checks that reading and writing share.
 */
#ifndef PARCOURS_KEYRING_INT_H
#define PARCOURS_KEYRING_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "keyring.h"

#define KEYRING_FORMAT		"parcours-keys"
#define KEYRING_VERSION		1
#define KEYRING_MAX_SIZE	(1024 * 1024)

#define SALT_LEN	16
#define NONCE_LEN	12
#define TAG_LEN		16
#define MAC_LEN		32
#define LOGIN_MAX	255

struct slot {
	char			*login;
	struct kdf_params	 kdf;
	unsigned char		 salt[SALT_LEN];
	unsigned char		 nonce[NONCE_LEN];
	unsigned char		 wrapped[MASTER_KEY_LEN];
	unsigned char		 tag[TAG_LEN];
};

struct keyring {
	char		*db_id;
	int		 page_size;
	struct slot	*slots;
	size_t		 nslots;

	/*
	 * The seal read from the file or computed by keyring_set_slot().
	 * Removing a slot breaks it until the next keyring_save().
	 */
	bool		 sealed;
	unsigned char	 mac[MAC_LEN];
};

/* A login: printable UTF-8 of at most LOGIN_MAX bytes. */
bool keyring_login_valid(const char *);
/* A page size SQLCipher accepts: a power of two, 512 to 65536. */
bool keyring_page_size_valid(json_int_t);
/* The value of a hexadecimal digit, or -1. */
int keyring_hex_value(char);
/* Decodes the canonical base64 of exactly want bytes (see keyring.c). */
int keyring_b64_decode(const char *, unsigned char *out, size_t want,
    bool *wrong_len);

#endif
