using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AmazonScale.Sidecar.Discovery;

/// <summary>
/// Sidecar-to-sidecar calls (daprd's internal gRPC port, mTLS-protected) arrive here on a private path
/// prefix and must carry the machine key kept in the registry folder, readable only by this user.
/// </summary>
public sealed class PeerAuthentication
{
    public const string PathPrefix = "/_local";
    public const string HeaderName = "x-dapr-local-peer-key";

    public PeerAuthentication(Hosting.SidecarOptions options)
    {
        Directory.CreateDirectory(options.RegistryDirectory);
        Key = LoadOrCreateKey(Path.Combine(options.RegistryDirectory, "peer.key"));
    }

    public string Key { get; }

    public bool IsAuthorized(HttpRequest request) =>
        request.Headers.TryGetValue(HeaderName, out var presented)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented.ToString()), Encoding.UTF8.GetBytes(Key));

    private static string LoadOrCreateKey(string path)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var stream = new FileStream(path, fileOptions);
                var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
                stream.Write(Encoding.ASCII.GetBytes(key));
                return key;
            }
            catch (IOException) when (File.Exists(path))
            {
                var existing = File.ReadAllText(path).Trim();
                if (existing.Length == 64)
                {
                    return existing;
                }
                // Another sidecar created the file and has not written the key yet.
                Thread.Sleep(20);
            }
        }
        throw new InvalidOperationException($"Could not read the peer key at {path}.");
    }
}
