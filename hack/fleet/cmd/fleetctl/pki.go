package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// Each cluster gets its own CA and service-account key, as real clusters do:
// a kubeconfig of one cluster must not be trusted by another.

const certLifetime = 2 * 365 * 24 * time.Hour

type keyPair struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func (c *cluster) pki(name string) string { return c.dir("pki", name) }

// ensurePKI creates missing or soon-expiring material; existing valid files are kept so
// kubeconfigs handed out earlier (e.g. registered in the console) keep working.
func (c *cluster) ensurePKI() error {
	dir := c.dir("pki")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	ca, err := loadKeyPair(c.pki("ca.crt"), c.pki("ca.key"))
	if err != nil {
		ca, err = newCA(c.Name + "-ca")
		if err != nil {
			return err
		}
		if err := saveKeyPair(ca, c.pki("ca.crt"), c.pki("ca.key")); err != nil {
			return err
		}
		// A new CA invalidates every leaf.
		for _, n := range []string{"apiserver", "admin", "controller-manager", "scheduler", "kubelet-client"} {
			_ = os.Remove(c.pki(n + ".crt"))
		}
	}
	leaves := []struct {
		name   string
		cn     string
		org    []string
		server bool
	}{
		{"apiserver", "kube-apiserver", nil, true},
		{"admin", "fleet-admin", []string{"system:masters"}, false},
		{"controller-manager", "system:kube-controller-manager", nil, false},
		{"scheduler", "system:kube-scheduler", nil, false},
		{"kubelet-client", "kube-apiserver-kubelet-client", []string{"system:masters"}, false},
	}
	for _, lf := range leaves {
		crt, key := c.pki(lf.name+".crt"), c.pki(lf.name+".key")
		if kp, err := loadKeyPair(crt, key); err == nil && verifies(kp, ca) {
			continue
		}
		kp, err := newLeaf(ca, lf.cn, lf.org, lf.server)
		if err != nil {
			return err
		}
		if err := saveKeyPair(kp, crt, key); err != nil {
			return err
		}
	}
	if _, err := os.Stat(c.pki("sa.key")); err != nil {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return err
		}
		if err := writePEM(c.pki("sa.key"), "EC PRIVATE KEY", mustMarshalEC(key), 0o600); err != nil {
			return err
		}
		pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return err
		}
		if err := writePEM(c.pki("sa.pub"), "PUBLIC KEY", pub, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func verifies(kp *keyPair, ca *keyPair) bool {
	if time.Until(kp.cert.NotAfter) < 30*24*time.Hour {
		return false
	}
	return kp.cert.CheckSignatureFrom(ca.cert) == nil
}

func newCA(cn string) (*keyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"pilothouse fleet"}},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(10 * certLifetime),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &keyPair{cert: cert, key: key}, err
}

func newLeaf(ca *keyPair, cn string, org []string, server bool) (*keyPair, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial(),
		Subject:      pkix.Name{CommonName: cn, Organization: org},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(certLifetime),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	if server {
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}
		tmpl.DNSNames = []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
			"kubernetes.default.svc.cluster.local"}
		tmpl.IPAddresses = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1"), net.ParseIP("10.96.0.1")}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &keyPair{cert: cert, key: key}, err
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}

func mustMarshalEC(key *ecdsa.PrivateKey) []byte {
	b, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		panic(err)
	}
	return b
}

func saveKeyPair(kp *keyPair, crt, key string) error {
	if err := writePEM(key, "EC PRIVATE KEY", mustMarshalEC(kp.key), 0o600); err != nil {
		return err
	}
	return writePEM(crt, "CERTIFICATE", kp.cert.Raw, 0o644)
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return writeFileAtomic(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode)
}

func loadKeyPair(crt, key string) (*keyPair, error) {
	cb, err := os.ReadFile(crt)
	if err != nil {
		return nil, err
	}
	kb, err := os.ReadFile(key)
	if err != nil {
		return nil, err
	}
	cp, _ := pem.Decode(cb)
	kpb, _ := pem.Decode(kb)
	if cp == nil || kpb == nil {
		return nil, errors.New("bad PEM")
	}
	cert, err := x509.ParseCertificate(cp.Bytes)
	if err != nil {
		return nil, err
	}
	k, err := x509.ParseECPrivateKey(kpb.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return &keyPair{cert: cert, key: k}, nil
}
