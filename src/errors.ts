/**
 * Every failure of a KMS operation is an instance of {@link KmsError}, and of a subclass whose
 * `name` is exactly the AWS exception name (`err.name === 'NotFoundException'`), so code written
 * against `@aws-sdk/client-kms` can switch on `name` unchanged.
 *
 * Messages follow AWS wording where it is known (recorded from the real service); where it is not,
 * they say plainly what was wrong. Some AWS exceptions carry an empty message on purpose
 * (`InvalidCiphertextException`, `KMSInvalidSignatureException`, `KMSInvalidMacException`): their
 * cause is never revealed.
 * No message ever contains key material or plaintext.
 *
 * @module
 */

/** `client`: the request was wrong. `server`: pocket-kms failed (AWS answers these with HTTP 5xx). */
export type Fault = 'client' | 'server';

/** The base class of every exception a `Kms` operation rejects with. */
export class KmsError extends Error {
  /** The AWS exception name; equal to `name`. */
  readonly code: string;
  readonly $fault: Fault;
  /** The HTTP status real AWS KMS answers with (400 for every client fault, as recorded from AWS). */
  readonly httpStatusCode: number;

  constructor(name: string, message: string, fault: Fault, httpStatusCode: number, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
    this.code = name;
    this.$fault = fault;
    this.httpStatusCode = httpStatusCode;
  }

  toJSON(): { name: string; message: string } {
    return { name: this.name, message: this.message };
  }
}

/** Builds the base of one AWS exception class, with a literal `name` type so unions narrow. */
function exception<const N extends string>(name: N, fault: Fault = 'client', httpStatusCode = 400) {
  return class extends KmsError {
    static readonly code: N = name;
    declare readonly name: N;
    constructor(message = '', options?: ErrorOptions) {
      super(name, message, fault, httpStatusCode, options);
    }
  };
}

// Modelled KMS exceptions (botocore service-2.json). HTTP statuses are what real KMS sends.
export class AlreadyExistsException extends exception('AlreadyExistsException') {}
export class CloudHsmClusterInUseException extends exception('CloudHsmClusterInUseException') {}
export class CloudHsmClusterInvalidConfigurationException extends exception('CloudHsmClusterInvalidConfigurationException') {}
export class CloudHsmClusterNotActiveException extends exception('CloudHsmClusterNotActiveException') {}
export class CloudHsmClusterNotFoundException extends exception('CloudHsmClusterNotFoundException') {}
export class CloudHsmClusterNotRelatedException extends exception('CloudHsmClusterNotRelatedException') {}
export class ConflictException extends exception('ConflictException') {}
export class CustomKeyStoreHasCMKsException extends exception('CustomKeyStoreHasCMKsException') {}
export class CustomKeyStoreInvalidStateException extends exception('CustomKeyStoreInvalidStateException') {}
export class CustomKeyStoreNameInUseException extends exception('CustomKeyStoreNameInUseException') {}
export class CustomKeyStoreNotFoundException extends exception('CustomKeyStoreNotFoundException') {}
export class DependencyTimeoutException extends exception('DependencyTimeoutException', 'server', 503) {}
export class DisabledException extends exception('DisabledException') {}
export class DryRunOperationException extends exception('DryRunOperationException') {}
export class ExpiredImportTokenException extends exception('ExpiredImportTokenException') {}
export class IncorrectKeyException extends exception('IncorrectKeyException') {}
export class IncorrectKeyMaterialException extends exception('IncorrectKeyMaterialException') {}
export class IncorrectTrustAnchorException extends exception('IncorrectTrustAnchorException') {}
export class InvalidAliasNameException extends exception('InvalidAliasNameException') {}
export class InvalidArnException extends exception('InvalidArnException') {}
export class InvalidCiphertextException extends exception('InvalidCiphertextException') {}
export class InvalidGrantIdException extends exception('InvalidGrantIdException') {}
export class InvalidGrantTokenException extends exception('InvalidGrantTokenException') {}
export class InvalidImportTokenException extends exception('InvalidImportTokenException') {}
export class InvalidKeyUsageException extends exception('InvalidKeyUsageException') {}
export class InvalidMarkerException extends exception('InvalidMarkerException') {}
export class KMSInternalException extends exception('KMSInternalException', 'server', 500) {}
export class KMSInvalidMacException extends exception('KMSInvalidMacException') {}
export class KMSInvalidSignatureException extends exception('KMSInvalidSignatureException') {}
export class KMSInvalidStateException extends exception('KMSInvalidStateException') {}
export class KeyUnavailableException extends exception('KeyUnavailableException', 'server', 500) {}
export class LimitExceededException extends exception('LimitExceededException') {}
export class MalformedPolicyDocumentException extends exception('MalformedPolicyDocumentException') {}
export class NotFoundException extends exception('NotFoundException') {}
export class TagException extends exception('TagException') {}
export class UnsupportedOperationException extends exception('UnsupportedOperationException') {}
export class XksKeyAlreadyInUseException extends exception('XksKeyAlreadyInUseException') {}
export class XksKeyInvalidConfigurationException extends exception('XksKeyInvalidConfigurationException') {}
export class XksKeyNotFoundException extends exception('XksKeyNotFoundException') {}
export class XksProxyIncorrectAuthenticationCredentialException extends exception('XksProxyIncorrectAuthenticationCredentialException') {}
export class XksProxyInvalidConfigurationException extends exception('XksProxyInvalidConfigurationException') {}
export class XksProxyInvalidResponseException extends exception('XksProxyInvalidResponseException') {}
export class XksProxyUriEndpointInUseException extends exception('XksProxyUriEndpointInUseException') {}
export class XksProxyUriInUseException extends exception('XksProxyUriInUseException') {}
export class XksProxyUriUnreachableException extends exception('XksProxyUriUnreachableException') {}
export class XksProxyVpcEndpointServiceInUseException extends exception('XksProxyVpcEndpointServiceInUseException') {}
export class XksProxyVpcEndpointServiceInvalidConfigurationException extends exception('XksProxyVpcEndpointServiceInvalidConfigurationException') {}
export class XksProxyVpcEndpointServiceNotFoundException extends exception('XksProxyVpcEndpointServiceNotFoundException') {}

// Errors every AWS JSON service can return; not in the KMS model.
export class ValidationException extends exception('ValidationException') {}
export class SerializationException extends exception('SerializationException') {}
export class AccessDeniedException extends exception('AccessDeniedException') {}
export class ThrottlingException extends exception('ThrottlingException') {}
export class UnknownOperationException extends exception('UnknownOperationException') {}
// SigV4 authentication failures (AWS JSON services answer all four with HTTP 400).
export class MissingAuthenticationTokenException extends exception('MissingAuthenticationTokenException') {}
export class IncompleteSignatureException extends exception('IncompleteSignatureException') {}
export class InvalidSignatureException extends exception('InvalidSignatureException') {}
export class UnrecognizedClientException extends exception('UnrecognizedClientException') {}

/** Real KMS's answer to any DryRun request that would have succeeded. */
export const dryRunSucceeded = (): DryRunOperationException =>
  new DryRunOperationException('The request would have succeeded, but the DryRun option is set.');
