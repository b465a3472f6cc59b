using AmazonScale.Sidecar.Errors;
using Grpc.Core;

namespace AmazonScale.Sidecar.State;

/// <summary>
/// State API errors with daprd's codes and statuses (dapr/dapr pkg/api/errors/state.go, pkg/messages):
/// ETag mismatch is 409/Aborted and an invalid ETag 400/InvalidArgument on save and delete, while a failed
/// transaction is always 500/Internal ERR_STATE_TRANSACTION, as daprd reports it.
/// </summary>
public static class StateErrors
{
    public static DaprError NotConfigured(string storeName) =>
        new("ERR_STATE_STORE_NOT_CONFIGURED", 500, StatusCode.FailedPrecondition, $"state store {storeName} is not configured");

    public static DaprError NotFound(string storeName) =>
        new("ERR_STATE_STORE_NOT_FOUND", 400, StatusCode.InvalidArgument, $"state store {storeName} is not found");

    public static DaprError InvalidKey(string key, string reason) =>
        new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, $"state store key {key} is invalid: {reason}");

    public static DaprError EmptyKey(string errorCode) =>
        new(errorCode, 400, StatusCode.InvalidArgument, "state key cannot be empty");

    public static DaprError Get(string storeName, string key, string reason) =>
        new("ERR_STATE_GET", 500, StatusCode.Internal, $"fail to get {key} from state store {storeName}: {reason}");

    public static DaprError BulkGet(string reason) =>
        new("ERR_STATE_BULK_GET", 500, StatusCode.Internal, reason);

    public static DaprError Save(string storeName, Exception reason) =>
        WithETagStatus("ERR_STATE_SAVE", $"failed saving state in state store {storeName}: {reason.Message}", reason);

    public static DaprError Delete(string key, Exception reason) =>
        WithETagStatus("ERR_STATE_DELETE", $"failed deleting state with key {key}: {reason.Message}", reason);

    public static DaprError DeleteBulk(string storeName, Exception reason) =>
        WithETagStatus("ERR_STATE_DELETE", $"failed deleting state in state store {storeName}: {reason.Message}", reason);

    public static DaprError Transaction(Exception reason) =>
        new("ERR_STATE_TRANSACTION", 500, StatusCode.Internal, $"error while executing state transaction: {reason.Message}");

    public static DaprError UnsupportedOperation(string operation) =>
        new("ERR_NOT_SUPPORTED_STATE_OPERATION", 400, StatusCode.InvalidArgument, $"operation type {operation} not supported");

    public static DaprError InvalidTtl(string value) =>
        new("ERR_MALFORMED_REQUEST", 400, StatusCode.InvalidArgument, $"metadata ttlInSeconds '{value}' must be an integer of -1 or more");

    private static DaprError WithETagStatus(string code, string message, Exception reason) => reason switch
    {
        StateETagMismatchException => new(code, 409, StatusCode.Aborted, message),
        StateETagInvalidException => new(code, 400, StatusCode.InvalidArgument, message),
        _ => new(code, 500, StatusCode.Internal, message),
    };
}
