//! Scope checks: tokens minted with an explicit scope list.

use super::*;

#[test]
fn token_lacking_the_scope_gets_4711_naming_the_first_granular_scope() {
    let sim = Simulator::start().unwrap();
    let narrow = format!("Bearer {}", sim.mint_token_with_scopes(&["meeting:read:meeting:admin"]));
    let r = get(&sim, &narrow, "/v2/users/me/recordings");
    assert_eq!(
        r.json(),
        json!({"code": 4711,
               "message": "Invalid access token, does not contain scopes:[cloud_recording:read:list_user_recordings]."})
    );
    let r = send(&sim, "POST", "/v2/users", Some(&narrow), Body::Json("{}")).unwrap();
    assert_eq!(r.err(), (400, 4711));
    assert!(r.json()["message"].as_str().unwrap().contains("[user:write:user:admin]"));
    // The scope it does hold opens its route (and the 404 proves the route ran).
    assert_eq!(get(&sim, &narrow, "/v2/meetings/12345678901").err(), (404, 3001));

    // Scope check happens before validation and lookups.
    let r = send(&sim, "PATCH", "/v2/meetings/1", Some(&narrow), Body::Json("{not json")).unwrap();
    assert_eq!(r.json()["message"], "Invalid access token, does not contain scopes:[meeting:update:meeting:admin].");
    // An unknown token is still a 401, whatever its scopes would be.
    assert_eq!(get(&sim, "Bearer nope", "/v2/users/me/recordings").err(), (401, 124));
}

#[test]
fn any_granular_or_classic_scope_of_the_route_suffices() {
    let sim = Simulator::start().unwrap();
    for scopes in [&["phone:read:list_recordings"][..], &["phone_recording:read:admin"], &["x", "phone:read"]] {
        let bearer = format!("Bearer {}", sim.mint_token_with_scopes(scopes));
        assert_eq!(get(&sim, &bearer, "/v2/phone/users/me/recordings").status, 200, "{scopes:?}");
    }
    let none = format!("Bearer {}", sim.mint_token_with_scopes(&[]));
    let r = get(&sim, &none, "/v2/chat/users/me/channels");
    assert_eq!(
        r.json()["message"],
        "Invalid access token, does not contain scopes:[team_chat:read:list_user_channels]."
    );
    // Default tokens, pasted or from the token endpoint, carry every scope.
    for bearer in [format!("Bearer {}", sim.mint_token()), format!("Bearer {}", token(&sim))] {
        for path in ["/v2/users/me/settings", "/v2/chat/users/me/channels", "/v2/users/me/webinars"] {
            assert_eq!(get(&sim, &bearer, path).status, 200, "{path}");
        }
    }
}

#[test]
fn token_endpoint_reports_the_new_admin_scopes() {
    let sim = Simulator::start().unwrap();
    let c = sim.credentials();
    let basic = format!("Basic {}", STANDARD.encode(format!("{}:{}", c.client_id, c.client_secret)));
    let form = format!("grant_type=account_credentials&account_id={}", c.account_id);
    let v = send(&sim, "POST", "/oauth/token", Some(&basic), Body::Form(&form)).unwrap().json();
    let scope = v["scope"].as_str().unwrap();
    for s in ["webinar:write:registrant:admin", "team_chat:read:list_user_messages:admin", "user:update:settings:admin"]
    {
        assert!(scope.split(' ').any(|x| x == s), "{s} in {scope}");
    }
}
