using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace AmazonScale.Sidecar.Grpc;

/// <summary>Adds typed handlers for dapr.proto.runtime.v1.Dapr RPCs, building the Method descriptors from the message types.</summary>
public sealed class DaprGrpcBinder(ServiceMethodProviderContext<DaprGrpcService> context)
{
    private readonly HashSet<string> _bound = new(StringComparer.Ordinal);

    public IReadOnlySet<string> Bound => _bound;

    public void Unary<TRequest, TResponse>(string rpc, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Claim(rpc);
        var method = new Method<TRequest, TResponse>(MethodType.Unary, DaprGrpcService.ServiceName, rpc, ProtoMarshaller<TRequest>.Instance, ProtoMarshaller<TResponse>.Instance);
        context.AddUnaryMethod(method, [], (_, request, call) => handler(request, call));
    }

    public void ServerStreaming<TRequest, TResponse>(string rpc, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Claim(rpc);
        var method = new Method<TRequest, TResponse>(MethodType.ServerStreaming, DaprGrpcService.ServiceName, rpc, ProtoMarshaller<TRequest>.Instance, ProtoMarshaller<TResponse>.Instance);
        context.AddServerStreamingMethod(method, [], (_, request, stream, call) => handler(request, stream, call));
    }

    /// <summary>Binds every remaining RPC of the proto so callers get a clear Unimplemented instead of a generic one.</summary>
    internal void BindRemainingAsUnimplemented()
    {
        var service = global::Dapr.Client.Autogen.Grpc.v1.DaprReflection.Descriptor.Services.Single(s => s.FullName == DaprGrpcService.ServiceName);
        var raw = Marshallers.Create<byte[]>(bytes => bytes, bytes => bytes);
        foreach (var rpc in service.Methods.Where(m => !_bound.Contains(m.Name)))
        {
            var error = new RpcException(new Status(StatusCode.Unimplemented, $"{rpc.Name} is not supported by the local sidecar stand-in"));
            var type = (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (false, true) => MethodType.ServerStreaming,
                (true, false) => MethodType.ClientStreaming,
                (true, true) => MethodType.DuplexStreaming,
            };
            var method = new Method<byte[], byte[]>(type, DaprGrpcService.ServiceName, rpc.Name, raw, raw);
            switch (type)
            {
                case MethodType.Unary:
                    context.AddUnaryMethod(method, [], (_, _, _) => Task.FromException<byte[]>(error));
                    break;
                case MethodType.ServerStreaming:
                    context.AddServerStreamingMethod(method, [], (_, _, _, _) => Task.FromException(error));
                    break;
                case MethodType.ClientStreaming:
                    context.AddClientStreamingMethod(method, [], (_, _, _) => Task.FromException<byte[]>(error));
                    break;
                default:
                    context.AddDuplexStreamingMethod(method, [], (_, _, _, _) => Task.FromException(error));
                    break;
            }
        }
    }

    private void Claim(string rpc)
    {
        if (!_bound.Add(rpc))
        {
            throw new InvalidOperationException($"gRPC method {rpc} is bound twice.");
        }
    }

    private static class ProtoMarshaller<T> where T : class, IMessage<T>, new()
    {
        private static readonly MessageParser<T> Parser = new(() => new T());

        public static readonly Marshaller<T> Instance = Marshallers.Create(message => message.ToByteArray(), bytes => Parser.ParseFrom(bytes));
    }
}
