//! Legacy JWT app tokens (spec/README.md, *Legacy JWT apps*): the account's API
//! key and secret sign an HS256 JWT that is sent straight to `/v2` as the
//! bearer token. Zoom retired these apps in 2023, but connectors still meet
//! them, so the simulator keeps accepting them. There was no token endpoint and
//! no scopes: a valid JWT reaches every route.

use super::ids::Rng;
use super::oauth::TokenState;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// The account's one API key and secret pair.
pub(crate) struct JwtKeys {
    pub api_key: String,
    pub api_secret: String,
}

impl JwtKeys {
    /// Zoom's keys were 22 characters and secrets 36.
    pub(crate) fn generate(rng: &mut Rng) -> JwtKeys {
        JwtKeys { api_key: rng.alnum(22), api_secret: rng.alnum(36) }
    }

    /// Signature, header and issuer first, so a forged or foreign token is
    /// "invalid" even when its `exp` has also passed; only a genuine token can
    /// be "expired". `now` is epoch seconds.
    pub(crate) fn state(&self, token: &str, now: i64) -> TokenState {
        let parts: Vec<&str> = token.split('.').collect();
        let [header, payload, signature] = parts[..] else { return TokenState::Unknown };
        let Ok(signature) = URL_SAFE_NO_PAD.decode(signature) else { return TokenState::Unknown };
        let mut mac = Hmac::<Sha256>::new_from_slice(self.api_secret.as_bytes()).expect("HMAC takes any key length");
        mac.update(format!("{header}.{payload}").as_bytes());
        // verify_slice compares in constant time.
        if mac.verify_slice(&signature).is_err() {
            return TokenState::Unknown;
        }
        let (Some(header), Some(claims)) = (decode_json(header), decode_json(payload)) else {
            return TokenState::Unknown;
        };
        // `typ` is optional in RFC 7519; when present it must say JWT.
        let typ_ok = header.get("typ").is_none_or(|t| t.as_str().is_some_and(|t| t.eq_ignore_ascii_case("JWT")));
        if header["alg"] != "HS256" || !typ_ok || claims["iss"].as_str() != Some(self.api_key.as_str()) {
            return TokenState::Unknown;
        }
        // Zoom required `exp`; a token without one never expiring would be a hole.
        let Some(exp) = claims["exp"].as_i64().or_else(|| claims["exp"].as_f64().map(|f| f as i64)) else {
            return TokenState::Unknown;
        };
        if now >= exp {
            TokenState::Expired
        } else {
            TokenState::Valid
        }
    }
}

/// A base64url JSON object; a `Value` so that missing claims index as null.
fn decode_json(part: &str) -> Option<Value> {
    let raw = URL_SAFE_NO_PAD.decode(part).ok()?;
    serde_json::from_slice::<Value>(&raw).ok().filter(Value::is_object)
}

/// An HS256 JWT over `header` and `payload` signed with `secret`, as the
/// connector (or a test) would build one.
#[cfg(test)]
pub(crate) fn sign(secret: &str, header: &Value, payload: &Value) -> String {
    let signing_input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(payload.to_string()));
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(signing_input.as_bytes());
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn keys() -> JwtKeys {
        JwtKeys { api_key: "KEY".into(), api_secret: "SECRET".into() }
    }

    fn name(s: TokenState) -> &'static str {
        match s {
            TokenState::Valid => "valid",
            TokenState::Expired => "expired",
            TokenState::Unknown => "invalid",
        }
    }

    #[test]
    fn accepts_only_genuine_unexpired_tokens() {
        let k = keys();
        let hs = json!({"alg": "HS256", "typ": "JWT"});
        let at = |secret: &str, header: &Value, payload: Value| name(k.state(&sign(secret, header, &payload), 1000));
        assert_eq!(at("SECRET", &hs, json!({"iss": "KEY", "exp": 1001})), "valid");
        assert_eq!(at("SECRET", &json!({"alg": "HS256"}), json!({"iss": "KEY", "exp": 1001})), "valid");
        assert_eq!(at("SECRET", &hs, json!({"iss": "KEY", "exp": 1000})), "expired");
        assert_eq!(at("SECRET", &hs, json!({"iss": "KEY", "exp": 1000.5})), "expired");
        assert_eq!(at("WRONG", &hs, json!({"iss": "KEY", "exp": 1})), "invalid", "bad signature beats expiry");
        assert_eq!(at("SECRET", &hs, json!({"iss": "OTHER", "exp": 1001})), "invalid");
        assert_eq!(at("SECRET", &hs, json!({"iss": "KEY"})), "invalid");
        assert_eq!(at("SECRET", &hs, json!({"iss": "KEY", "exp": "1001"})), "invalid");
        assert_eq!(at("SECRET", &json!({"alg": "none"}), json!({"iss": "KEY", "exp": 1001})), "invalid");
        assert_eq!(at("SECRET", &json!({"alg": "HS256", "typ": "JWS"}), json!({"iss": "KEY", "exp": 1001})), "invalid");
        assert_eq!(at("SECRET", &hs, json!(["iss"])), "invalid");
    }

    #[test]
    fn malformed_tokens_are_invalid() {
        let k = keys();
        let good = sign("SECRET", &json!({"alg": "HS256", "typ": "JWT"}), &json!({"iss": "KEY", "exp": 2000}));
        assert_eq!(name(k.state(&good, 1000)), "valid");
        for bad in ["", "a.b", "a.b.c.d", &format!("{good}="), &format!("{good}.x"), &good.replace('.', "")] {
            assert_eq!(name(k.state(bad, 1000)), "invalid", "{bad}");
        }
        // An unsigned (`alg: none`) token has an empty signature part.
        let head = good.rsplit_once('.').unwrap().0;
        assert_eq!(name(k.state(&format!("{head}."), 1000)), "invalid");
    }
}
