package org.voxmesh.runtime.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority and a server certificate signed by it, for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}. Clients trust {@link Files#ca()} (for Node:
 * {@code NODE_EXTRA_CA_CERTS}). Made once per directory and reused, so clients keep trusting it.
 */
public final class DevCertificates {

  /** The PEM files: the CA to trust, and the server's chain and private key. */
  public record Files(Path ca, Path serverCert, Path serverKey) {}

  private DevCertificates() {}

  public static Files ensure(Path dir) {
    Files files = new Files(dir.resolve("dev-ca.pem"), dir.resolve("server-cert.pem"), dir.resolve("server-key.pem"));
    if (java.nio.file.Files.isRegularFile(files.ca())
        && java.nio.file.Files.isRegularFile(files.serverCert())
        && java.nio.file.Files.isRegularFile(files.serverKey())) {
      return files;
    }
    try {
      java.nio.file.Files.createDirectories(dir);
      generate(files);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the dev TLS certificate to " + dir, e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot generate the dev TLS certificate", e);
    }
  }

  private static void generate(Files files) throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    KeyPair caKeys = gen.generateKeyPair();
    KeyPair serverKeys = gen.generateKeyPair();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=Voxmesh development CA " + now.getEpochSecond());

    X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), caName, caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = sign(ca, caKeys);

    X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(caName, serial(),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
        new X500Name("CN=localhost"), serverKeys.getPublic());
    server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    server.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames()));
    X509Certificate serverCert = sign(server, caKeys);

    java.nio.file.Files.writeString(files.ca(), pem(caCert));
    java.nio.file.Files.writeString(files.serverCert(), pem(serverCert) + pem(caCert));
    java.nio.file.Files.writeString(files.serverKey(), pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(serverKeys.getPrivate(), null)));
  }

  private static GeneralName[] altNames() {
    List<GeneralName> names = new ArrayList<>(List.of(
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.iPAddress, "::1")));
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!host.equals("localhost")) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      }
    } catch (IOException ignored) {
      // no resolvable host name: localhost names are enough for development
    }
    return names.toArray(GeneralName[]::new);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
    ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
