"""boto3 against a pocket-kms server: the flow boto3_test.ts asserts on.

Usage: /usr/bin/python3 boto3_flow.py <endpoint-url> <region>

Runs create-key (with tags), describe-key, create-alias, encrypt/decrypt (binary plaintext and a
non-ASCII encryption context, which botocore sends as \\uXXXX escapes), generate-data-key, typed
exceptions, paginators, an HMAC key (generate-mac/verify-mac, KMSInvalidMacException), a
signing key (sign/verify/get-public-key, KMSInvalidSignatureException), data key pairs
(generate-data-key-pair and its WithoutPlaintext twin), an RSA key (encrypt/decrypt with
RSAES_OAEP_SHA_256) and a KEY_AGREEMENT key, and prints one JSON object with what it saw.
DeriveSharedSecret (2024) is not in the model of Debian's botocore (1.29.x, 2022): the script
reports that instead of calling it. Retries are off
(`max_attempts: 0` in botocore's legacy mode counts retries), so a failing call costs one request.
Any unexpected exception propagates: the script exits non-zero with a traceback.
"""
import base64
import datetime
import json
import sys

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint, region = sys.argv[1], sys.argv[2]
kms = boto3.session.Session().client(
    'kms',
    endpoint_url=endpoint,
    region_name=region,
    aws_access_key_id='AKIABOTO3BOTO3BOTO30',
    aws_secret_access_key='boto3-secret',
    config=Config(retries={'max_attempts': 0}),
)
out = {'boto3': boto3.__version__, 'botocore': botocore.__version__}


def meta(response):
    m = response['ResponseMetadata']
    return {'status': m['HTTPStatusCode'], 'request_id': m.get('RequestId'), 'retries': m.get('RetryAttempts')}


def error(call, expected):
    """Calls `call`, which must raise `expected` (a class); returns what the error carried."""
    try:
        call()
    except expected as e:
        return {
            'class': type(e).__name__,
            'code': e.response['Error']['Code'],
            'message': e.response['Error'].get('Message', ''),
            **meta(e.response),
        }
    raise AssertionError(f'expected {expected.__name__}, but the call succeeded')


def timestamp(value):
    now = datetime.datetime.now(datetime.timezone.utc)
    return {'type': type(value).__name__, 'utc': value.utcoffset() == datetime.timedelta(0), 'age_s': (now - value).total_seconds()}


# ---- keys and aliases
created = kms.create_key(Description='from boto3', Tags=[{'TagKey': 'env', 'TagValue': 'test'}])
key = created['KeyMetadata']
key_id, key_arn = key['KeyId'], key['Arn']
out['create_key'] = {
    'key_id': key_id,
    'arn': key_arn,
    'state': key['KeyState'],
    'description': key['Description'],
    'creation_date': timestamp(key['CreationDate']),
    **meta(created),
}
described = kms.describe_key(KeyId=key_arn)
out['describe_key'] = {'same_metadata': described['KeyMetadata'] == key, **meta(described)}
out['tags'] = kms.list_resource_tags(KeyId=key_id)['Tags']
kms.create_alias(AliasName='alias/boto3', TargetKeyId=key_id)
out['alias_target'] = kms.describe_key(KeyId='alias/boto3')['KeyMetadata']['Arn']

# ---- encrypt / decrypt
plaintext = b'\x00\xff binary \xfe from boto3'
context = {'purpose': 'boto3', 'name': 'caf\u00e9 \u2713 \u65e5\u672c'}
encrypted = kms.encrypt(KeyId='alias/boto3', Plaintext=plaintext, EncryptionContext=context)
decrypted = kms.decrypt(CiphertextBlob=encrypted['CiphertextBlob'], EncryptionContext=dict(reversed(list(context.items()))))
out['encrypt'] = {
    'key_id': encrypted['KeyId'],
    'ciphertext_type': type(encrypted['CiphertextBlob']).__name__,
    'ciphertext_b64': base64.b64encode(encrypted['CiphertextBlob']).decode(),
    'plaintext_b64': base64.b64encode(plaintext).decode(),
    'context': context,
}
out['decrypt'] = {
    'key_id': decrypted['KeyId'],
    'plaintext_type': type(decrypted['Plaintext']).__name__,
    'round_trip': decrypted['Plaintext'] == plaintext,
    'algorithm': decrypted['EncryptionAlgorithm'],
}

# ---- data keys
data_key = kms.generate_data_key(KeyId=key_id, KeySpec='AES_256')
short_key = kms.generate_data_key(KeyId='alias/boto3', NumberOfBytes=16)
out['generate_data_key'] = {
    'key_id': data_key['KeyId'],
    'length': len(data_key['Plaintext']),
    'length_16': len(short_key['Plaintext']),
    'unwraps': kms.decrypt(CiphertextBlob=data_key['CiphertextBlob'])['Plaintext'] == data_key['Plaintext'],
}

# ---- typed exceptions
other = kms.create_key(Description='other')['KeyMetadata']
errors = {
    'not_found': error(lambda: kms.describe_key(KeyId='alias/missing'), kms.exceptions.NotFoundException),
    'invalid_ciphertext': error(
        lambda: kms.decrypt(CiphertextBlob=encrypted['CiphertextBlob'], EncryptionContext={'purpose': 'boto3'}),
        kms.exceptions.InvalidCiphertextException,
    ),
    'incorrect_key': error(
        lambda: kms.decrypt(CiphertextBlob=encrypted['CiphertextBlob'], EncryptionContext=context, KeyId=other['Arn']),
        kms.exceptions.IncorrectKeyException,
    ),
    'already_exists': error(lambda: kms.create_alias(AliasName='alias/boto3', TargetKeyId=other['KeyId']), kms.exceptions.AlreadyExistsException),
    # Not in the KMS model: a plain ClientError with the code.
    'validation': error(lambda: kms.generate_data_key(KeyId=key_id, NumberOfBytes=2000), ClientError),
}
kms.disable_key(KeyId=other['KeyId'])
errors['disabled'] = error(lambda: kms.encrypt(KeyId=other['KeyId'], Plaintext=b'x'), kms.exceptions.DisabledException)
out['errors'] = errors

# ---- paginators (7 keys by now)
for i in range(5):
    kms.create_key(Description=f'listed {i}')
pages = list(kms.get_paginator('list_keys').paginate(PaginationConfig={'PageSize': 2}))
out['list_keys'] = {
    'page_sizes': [len(p['Keys']) for p in pages],
    'truncated': [p['Truncated'] for p in pages],
    'key_ids': [k['KeyId'] for p in pages for k in p['Keys']],
}
for i in range(2):
    kms.create_alias(AliasName=f'alias/boto3-{i}', TargetKeyId=other['KeyId'])
alias_pages = list(kms.get_paginator('list_aliases').paginate(KeyId=other['KeyId'], PaginationConfig={'PageSize': 1}))
out['list_aliases'] = {
    'page_sizes': [len(p['Aliases']) for p in alias_pages],
    'names': [a['AliasName'] for p in alias_pages for a in p['Aliases']],
}

# ---- HMAC keys (after the paginators, which count the keys above)
hmac = kms.create_key(Description='boto3 hmac', KeySpec='HMAC_256', KeyUsage='GENERATE_VERIFY_MAC')['KeyMetadata']
kms.create_alias(AliasName='alias/boto3-hmac', TargetKeyId=hmac['KeyId'])
message = b'\x00\xff binary message \xfe from boto3'
generated = kms.generate_mac(KeyId='alias/boto3-hmac', Message=message, MacAlgorithm='HMAC_SHA_256')
verified = kms.verify_mac(KeyId=hmac['Arn'], Message=message, MacAlgorithm='HMAC_SHA_256', Mac=generated['Mac'])
tampered = bytes([generated['Mac'][0] ^ 1]) + generated['Mac'][1:]
out['hmac'] = {
    'key_id': hmac['KeyId'],
    'arn': hmac['Arn'],
    'key_spec': hmac['KeySpec'],
    'key_usage': hmac['KeyUsage'],
    'mac_algorithms': hmac.get('MacAlgorithms'),
    'has_encryption_algorithms': 'EncryptionAlgorithms' in hmac,
    'message_b64': base64.b64encode(message).decode(),
}
out['generate_mac'] = {
    'key_id': generated['KeyId'],
    'algorithm': generated['MacAlgorithm'],
    'mac_type': type(generated['Mac']).__name__,
    'mac_b64': base64.b64encode(generated['Mac']).decode(),
    **meta(generated),
}
out['verify_mac'] = {'key_id': verified['KeyId'], 'algorithm': verified['MacAlgorithm'], 'mac_valid': verified['MacValid'], **meta(verified)}
errors['invalid_mac'] = error(
    lambda: kms.verify_mac(KeyId=hmac['KeyId'], Message=message, MacAlgorithm='HMAC_SHA_256', Mac=tampered),
    kms.exceptions.KMSInvalidMacException,
)
errors['invalid_key_usage'] = error(
    lambda: kms.generate_mac(KeyId=key_id, Message=message, MacAlgorithm='HMAC_SHA_256'),
    kms.exceptions.InvalidKeyUsageException,
)

# ---- signing keys (after the paginators, which count the keys above)
signing = kms.create_key(Description='boto3 signing', KeySpec='ECC_NIST_P256', KeyUsage='SIGN_VERIFY')['KeyMetadata']
kms.create_alias(AliasName='alias/boto3-signing', TargetKeyId=signing['KeyId'])
to_sign = b'\x00\xff binary message \xfe signed by boto3'
signed = kms.sign(KeyId='alias/boto3-signing', Message=to_sign, SigningAlgorithm='ECDSA_SHA_256')
checked = kms.verify(KeyId=signing['Arn'], Message=to_sign, Signature=signed['Signature'], SigningAlgorithm='ECDSA_SHA_256')
public_key = kms.get_public_key(KeyId=signing['KeyId'])
bad_signature = signed['Signature'][:-1] + bytes([signed['Signature'][-1] ^ 1])
out['signing'] = {
    'key_id': signing['KeyId'],
    'arn': signing['Arn'],
    'key_spec': signing['KeySpec'],
    'key_usage': signing['KeyUsage'],
    'signing_algorithms': signing.get('SigningAlgorithms'),
    'has_encryption_algorithms': 'EncryptionAlgorithms' in signing,
    'message_b64': base64.b64encode(to_sign).decode(),
}
out['sign'] = {
    'key_id': signed['KeyId'],
    'algorithm': signed['SigningAlgorithm'],
    'signature_type': type(signed['Signature']).__name__,
    'signature_b64': base64.b64encode(signed['Signature']).decode(),
    **meta(signed),
}
out['verify'] = {'key_id': checked['KeyId'], 'algorithm': checked['SigningAlgorithm'], 'signature_valid': checked['SignatureValid'], **meta(checked)}
out['get_public_key'] = {
    'key_id': public_key['KeyId'],
    'key_spec': public_key['KeySpec'],
    'key_usage': public_key['KeyUsage'],
    'signing_algorithms': public_key.get('SigningAlgorithms'),
    'public_key_type': type(public_key['PublicKey']).__name__,
    'public_key_b64': base64.b64encode(public_key['PublicKey']).decode(),
    **meta(public_key),
}
errors['invalid_signature'] = error(
    lambda: kms.verify(KeyId=signing['KeyId'], Message=to_sign, Signature=bad_signature, SigningAlgorithm='ECDSA_SHA_256'),
    kms.exceptions.KMSInvalidSignatureException,
)
errors['sign_invalid_key_usage'] = error(
    lambda: kms.sign(KeyId=key_id, Message=to_sign, SigningAlgorithm='ECDSA_SHA_256'),
    kms.exceptions.InvalidKeyUsageException,
)

# ---- data key pairs (after the paginators, which count the keys above)
b64 = lambda b: base64.b64encode(b).decode()
pair_context = {'purpose': 'boto3 pair'}
pair = kms.generate_data_key_pair(KeyId='alias/boto3', KeyPairSpec='ECC_NIST_P256', EncryptionContext=pair_context)
pair_rsa = kms.generate_data_key_pair(KeyId=key_arn, KeyPairSpec='RSA_2048')
out['generate_data_key_pair'] = {
    'key_id': pair['KeyId'],
    'key_pair_spec': pair['KeyPairSpec'],
    'types': sorted({type(pair[m]).__name__ for m in ('PrivateKeyPlaintext', 'PublicKey', 'PrivateKeyCiphertextBlob')}),
    'private_key_b64': b64(pair['PrivateKeyPlaintext']),
    'public_key_b64': b64(pair['PublicKey']),
    'ciphertext_b64': b64(pair['PrivateKeyCiphertextBlob']),
    'unwraps': kms.decrypt(CiphertextBlob=pair['PrivateKeyCiphertextBlob'], EncryptionContext=pair_context)['Plaintext'] == pair['PrivateKeyPlaintext'],
    'rsa_private_key_b64': b64(pair_rsa['PrivateKeyPlaintext']),
    'rsa_public_key_b64': b64(pair_rsa['PublicKey']),
    **meta(pair),
}
sealed_pair = kms.generate_data_key_pair_without_plaintext(KeyId=key_id, KeyPairSpec='ECC_NIST_P384')
out['generate_data_key_pair_without_plaintext'] = {
    'key_id': sealed_pair['KeyId'],
    'key_pair_spec': sealed_pair['KeyPairSpec'],
    'has_private_key_plaintext': 'PrivateKeyPlaintext' in sealed_pair,
    'public_key_b64': b64(sealed_pair['PublicKey']),
    'private_key_b64': b64(kms.decrypt(CiphertextBlob=sealed_pair['PrivateKeyCiphertextBlob'])['Plaintext']),
    **meta(sealed_pair),
}
errors['sm2_pair'] = error(lambda: kms.generate_data_key_pair(KeyId=key_id, KeyPairSpec='SM2'), kms.exceptions.UnsupportedOperationException)

# ---- an RSA key: encrypt and decrypt with RSAES_OAEP_SHA_256
rsa = kms.create_key(Description='boto3 rsa', KeySpec='RSA_2048', KeyUsage='ENCRYPT_DECRYPT')['KeyMetadata']
rsa_plaintext = b'\x00\xff rsa plaintext \xfe from boto3'
rsa_encrypted = kms.encrypt(KeyId=rsa['Arn'], Plaintext=rsa_plaintext, EncryptionAlgorithm='RSAES_OAEP_SHA_256')
rsa_decrypted = kms.decrypt(KeyId=rsa['KeyId'], CiphertextBlob=rsa_encrypted['CiphertextBlob'], EncryptionAlgorithm='RSAES_OAEP_SHA_256')
out['rsa'] = {
    'key_id': rsa['KeyId'],
    'arn': rsa['Arn'],
    'key_spec': rsa['KeySpec'],
    'encryption_algorithms': rsa.get('EncryptionAlgorithms'),
    'public_key_b64': b64(kms.get_public_key(KeyId=rsa['KeyId'])['PublicKey']),
    'plaintext_b64': b64(rsa_plaintext),
    'ciphertext_b64': b64(rsa_encrypted['CiphertextBlob']),
    'encrypt_key_id': rsa_encrypted['KeyId'],
    'encrypt_algorithm': rsa_encrypted['EncryptionAlgorithm'],
    'decrypt_algorithm': rsa_decrypted['EncryptionAlgorithm'],
    'round_trip': rsa_decrypted['Plaintext'] == rsa_plaintext,
}
errors['rsa_too_long'] = error(lambda: kms.encrypt(KeyId=rsa['KeyId'], Plaintext=b'x' * 191, EncryptionAlgorithm='RSAES_OAEP_SHA_256'), ClientError)
errors['rsa_wrong_algorithm'] = error(
    lambda: kms.decrypt(KeyId=rsa['KeyId'], CiphertextBlob=rsa_encrypted['CiphertextBlob'], EncryptionAlgorithm='RSAES_OAEP_SHA_1'),
    kms.exceptions.InvalidCiphertextException,
)

# ---- a KEY_AGREEMENT key: this botocore can make one and read its public key, but has no DeriveSharedSecret
agreement = kms.create_key(Description='boto3 agreement', KeySpec='ECC_NIST_P256', KeyUsage='KEY_AGREEMENT')['KeyMetadata']
agreement_public = kms.get_public_key(KeyId=agreement['Arn'])
out['agreement'] = {
    'key_id': agreement['KeyId'],
    'arn': agreement['Arn'],
    'key_usage': agreement['KeyUsage'],
    'metadata_has_key_agreement_algorithms': 'KeyAgreementAlgorithms' in agreement,
    'public_key_members': sorted(k for k in agreement_public if k != 'ResponseMetadata'),
    'public_key_b64': b64(agreement_public['PublicKey']),
}
out['derive_shared_secret'] = {
    'in_model': 'DeriveSharedSecret' in kms.meta.service_model.operation_names,
    'has_method': hasattr(kms, 'derive_shared_secret'),
}

print(json.dumps(out))
