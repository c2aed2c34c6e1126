/*
 * The OpenSSL primitives that the key file and encrypted exports share:
 * scrypt key derivation, AES-256-GCM in one call, and the text of the last
 * OpenSSL error.  Keeping them in one place means one set of parameters
 * and one way of wiping what has served; the bound on the memory scrypt
 * may take is kdf_params_valid() (keyring.h), which both callers apply to
 * the parameters a file gives.
 */
#ifndef PARCOURS_CRYPTO_H
#define PARCOURS_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Returns the reason text of the oldest error in OpenSSL's queue, or a
 * translated "unknown error", and empties the queue.  The string is
 * borrowed (static storage).
 */
const char *crypto_error(void);

/*
 * Derives a 32-byte key into out from passlen bytes of pass and saltlen
 * bytes of salt with scrypt (N = n, r, p), allowing OpenSSL the memory
 * these parameters need plus 16 MiB.  Returns 0, or -1 with out wiped and
 * *cause set (the caller frees it).
 */
int crypto_scrypt(const void *pass, size_t passlen, const unsigned char *salt,
    size_t saltlen, uint64_t n, uint32_t r, uint32_t p, unsigned char out[32],
    char **cause);

/*
 * AES-256-GCM over len bytes of in into out (len bytes too) under key and
 * a 12-byte nonce, with aadlen bytes of aad as associated data.  With enc
 * it encrypts and writes the 16-byte tag, else it decrypts and checks tag.
 * Returns 0, or -1 if OpenSSL fails or the tag does not match; OpenSSL's
 * error queue is emptied either way.  The key schedule is wiped.
 */
int crypto_gcm(bool enc, const unsigned char key[32],
    const unsigned char nonce[12], const unsigned char *aad, size_t aadlen,
    const unsigned char *in, size_t len, unsigned char *out,
    unsigned char tag[16]);

#endif /* PARCOURS_CRYPTO_H */
