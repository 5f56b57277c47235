vcl 4.1;
# Varnish 7 in front of one or more Quire instances (Debian: apt-get install varnish varnish-modules).
# Caches signed-out reader pages that the app marked with surrogate keys (the xkey header); passes the
# admin, the API, server actions, RSC (client navigation) requests and every signed-in request; Quire
# purges by key on every write with `PURGE` + `xkey-purge: <tags>` from an address in the purgers ACL.
# Pages are kept as the gzip body the app sends (Varnish asks backends for gzip) and sent as is to every
# client that accepts gzip; a client that does not gets it gunzipped on each hit, which costs several
# times what the hit does (deploy/README.md "Throughput").
# deploy/README.md explains each part. Backends: edit the two below (or keep one), or generate this file.

import std;
import xkey;
import directors;

backend app1 {
    .host = "127.0.0.1";
    .port = "3000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

backend app2 {
    .host = "127.0.0.1";
    .port = "3001";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

# Who may purge: the app instances' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new quire = directors.round_robin();
    quire.add_backend(app1);
    quire.add_backend(app2);
}

sub vcl_recv {
    set req.backend_hint = quire.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header required"));
        }
        # A hard purge: what was unpublished or deleted must not be served again, not even stale.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api|preview|login)(/|\?|$)") {
        return (pass);
    }
    # Server actions and RSC payloads (client-side navigation, prefetches) vary on headers Next sets;
    # they are never kept here.
    if (req.http.Next-Action || req.http.RSC || req.http.Next-Router-Prefetch || req.http.Next-Router-State-Tree || req.http.Next-Router-Segment-Prefetch) {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(__Secure-)?quire\.session-token") {
        return (pass);
    }
    # Reader pages do not depend on other cookies (theme, consent): dropping them lets one copy serve all.
    unset req.http.Cookie;

    # While the app answers, serve an expired page for at most a few seconds during its refresh; when
    # no instance is healthy, as long as the page's stale-if-error allowed (beresp.grace below).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Only what the app tagged: a page without keys could never be purged, so it is not kept.
    if (!beresp.http.xkey || beresp.http.Set-Cookie || beresp.status != 200) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Next's own cache report (MISS on the render Varnish keeps) would be wrong on every hit; dropped once
    # here rather than on each delivery.
    unset beresp.http.x-nextjs-cache;
    # s-maxage sets the TTL (Varnish reads it); stale-if-error becomes grace for when the app is down.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, ".*stale-if-error=([0-9]+).*", "\1") + "s", 0s);
    }
    return (deliver);
}

sub vcl_backend_error {
    # No instance answered: an expired copy (within grace) is served by vcl_hit instead of this page.
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = "The site is unavailable; try again in a minute.";
    return (deliver);
}

sub vcl_deliver {
    # Whether this copy came from the cache, for monitoring and the tests; the keys stay private.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    # Browsers revalidate (the app sends max-age=0); Age would only confuse them.
    unset resp.http.Age;
}
