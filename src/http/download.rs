//! Downloads of files Zoom links to (recording files, transcripts): an absolute URL taken from
//! Zoom's own answer, read up to a cap. The URL may carry a download access token in its query,
//! so no error, log line or Debug output names it.

use super::retry::{self, Decision, Now, Outcome};
use super::url::split_url;
use super::{Capped, Client, Method, Request};
use crate::error::{header, Error};

/// How a download proves it may read the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Auth {
    /// The connection's OAuth token as a bearer token (Zoom's transcript download).
    Bearer,
    /// A download access token already in the URL's query: nothing else is sent with it.
    InUrl,
}

/// A downloaded file.
#[derive(Debug)]
pub(crate) struct Download {
    pub(crate) body: Vec<u8>,
    pub(crate) content_type: Option<String>,
}

impl Client<'_> {
    /// GETs `url` and returns its body when it is at most `limit` bytes; a longer one is
    /// `too-large` and is not read past the cap. 429, 5xx and lost answers are retried as for
    /// any GET; a refused bearer token is renewed once. Redirects are followed (Zoom's web
    /// links answer 302 to the file's storage), at most [`MAX_REDIRECTS`], and the bearer token
    /// goes only to the origin it was meant for.
    pub(crate) fn download(&self, url: &str, auth: Auth, limit: u64) -> Result<Download, Error> {
        let first =
            origin(url).ok_or_else(|| Error::Unreadable("Zoom's download link is not an http(s) URL".to_owned()))?;
        let (mut attempt, mut renewed, mut hops) = (0, false, 0);
        let mut url = url.to_owned();
        loop {
            let mut headers = vec![("accept".to_owned(), "*/*".to_owned())];
            if auth == Auth::Bearer && origin(&url).as_ref() == Some(&first) {
                headers.push(("authorization".to_owned(), format!("Bearer {}", self.session.token(self.transport)?)));
            }
            let request =
                Request { method: Method::Get, url: url.clone(), headers, body: None, timeout: self.session.timeout() };
            let result = self.transport.send_capped(&request, limit);
            let outcome = match &result {
                Ok(Capped::Whole(r)) => Outcome::Answer { status: r.status, headers: &r.headers, body: &r.body },
                Ok(Capped::TooLarge { status, .. }) => Outcome::Answer { status: *status, headers: &[], body: &[] },
                Err(e) if e.denied => Outcome::Denied,
                Err(e) => Outcome::NoAnswer { sent: e.sent },
            };
            let now = Now { unix: self.transport.now_unix(), jitter: self.transport.jitter() };
            if let Decision::Retry(wait) = retry::decide(outcome, true, attempt, &self.policy, now) {
                self.transport.sleep(wait);
                attempt += 1;
                continue;
            }
            let response = match result {
                Err(e) => return Err(Error::Transport(format!("downloading the file failed: {}", e.message))),
                Ok(Capped::TooLarge { status, size }) if (200..300).contains(&status) => {
                    return Err(Error::TooLarge { size, limit })
                }
                Ok(Capped::TooLarge { status, .. }) => {
                    return Err(Error::Api(crate::error::Api {
                        status,
                        code: None,
                        message: "the download failed with an answer too large to read".to_owned(),
                    }))
                }
                Ok(Capped::Whole(r)) => r,
            };
            if (200..300).contains(&response.status) {
                let content_type = header(&response.headers, "content-type").map(str::to_owned);
                return Ok(Download { body: response.body, content_type });
            }
            if matches!(response.status, 301 | 302 | 303 | 307 | 308) {
                hops += 1;
                let next = header(&response.headers, "location").and_then(|l| resolve(&url, l));
                match next {
                    Some(next) if hops <= MAX_REDIRECTS => {
                        url = next;
                        attempt = 0;
                        continue;
                    }
                    // Neither URL is named: either may carry a token.
                    Some(_) => {
                        return Err(Error::Transport(format!(
                            "the download was redirected more than {MAX_REDIRECTS} times"
                        )))
                    }
                    None => {
                        return Err(Error::Unreadable(
                            "the download was redirected without a usable Location".to_owned(),
                        ))
                    }
                }
            }
            let error = Error::from_response(response.status, &response.headers, &response.body);
            if matches!(error, Error::Unauthorized(_)) && auth == Auth::Bearer && !renewed && self.session.can_renew() {
                self.session.forget_token();
                renewed = true;
                continue;
            }
            return Err(error);
        }
    }
}

/// Hops a download follows before giving up.
const MAX_REDIRECTS: u32 = 5;

/// `scheme://authority` of an absolute http(s) URL.
fn origin(url: &str) -> Option<String> {
    split_url(url).map(|(scheme, authority, _)| format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// A `Location` against the URL it answered: absolute http(s), or a path on the same origin.
fn resolve(base: &str, location: &str) -> Option<String> {
    let location = location.trim();
    if location.starts_with('/') && !location.starts_with("//") {
        return origin(base).map(|o| format!("{o}{location}"));
    }
    split_url(location).map(|_| location.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Session;
    use crate::http::testing::*;
    use crate::http::{Response, TransportError};

    const URL: &str = "https://zoom.example/rec/download/abc?access_token=dl-secret-token";

    fn client(t: &Scripted) -> Client<'_> {
        Client::new(t, Session::bearer("tok-1234", "https://api.example/v2"))
    }

    fn file(status: u16, body: &[u8]) -> Result<Response, TransportError> {
        Ok(Response { status, headers: vec![("Content-Type".into(), "text/vtt".into())], body: body.to_vec() })
    }

    #[test]
    fn reads_a_file_within_the_cap_without_a_bearer_when_the_token_is_in_the_url() {
        let t = Scripted::new(vec![file(200, b"WEBVTT\n")]);
        let d = client(&t).download(URL, Auth::InUrl, 7).unwrap();
        assert_eq!((d.body.as_slice(), d.content_type.as_deref()), (&b"WEBVTT\n"[..], Some("text/vtt")));
        let sent = t.sent.borrow();
        assert!(sent[0].headers.iter().all(|(k, _)| k != "authorization"));
        assert_eq!(format!("{:?}", sent[0]), "GET https://zoom.example/rec/download/abc", "no token in Debug");
    }

    #[test]
    fn a_file_past_the_cap_is_too_large_with_its_size() {
        let t = Scripted::new(vec![file(200, b"12345678")]);
        let e = client(&t).download(URL, Auth::Bearer, 7).unwrap_err();
        assert_eq!(e, Error::TooLarge { size: Some(8), limit: 7 });
        assert!(t.sent.borrow()[0].headers.contains(&("authorization".into(), "Bearer tok-1234".into())));
    }

    #[test]
    fn redirects_are_followed_and_the_bearer_stays_on_its_origin() {
        let moved =
            |to: &str| Ok(Response { status: 302, headers: vec![("Location".into(), to.into())], body: vec![] });
        let t =
            Scripted::new(vec![moved("/rec/file/abc?sig=1"), moved("https://cdn.example/f?sig=2"), file(200, b"ok")]);
        let d = client(&t).download("https://zoom.example/rec/download/abc", Auth::Bearer, 10).unwrap();
        assert_eq!(d.body, b"ok");
        let sent = t.sent.borrow();
        let urls: Vec<&str> = sent.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://zoom.example/rec/download/abc",
                "https://zoom.example/rec/file/abc?sig=1",
                "https://cdn.example/f?sig=2"
            ]
        );
        let bearer = |r: &Request| r.headers.iter().any(|(k, _)| k == "authorization");
        assert_eq!(sent.iter().map(bearer).collect::<Vec<_>>(), [true, true, false]);

        let t = Scripted::new((0..6).map(|_| moved("/again?access_token=dl-secret-token")).collect());
        let e = client(&t).download(URL, Auth::InUrl, 10).unwrap_err();
        assert!(
            matches!(&e, Error::Transport(m) if m.contains("more than 5") && !m.contains("dl-secret-token")),
            "{e}"
        );
        let t = Scripted::new(vec![moved("ftp://elsewhere/x")]);
        assert!(matches!(client(&t).download(URL, Auth::InUrl, 10), Err(Error::Unreadable(_))));
    }

    #[test]
    fn errors_never_name_the_url_and_busy_answers_are_retried() {
        let t = Scripted::new(vec![
            Err(TransportError { message: "ConnectionRefused".into(), sent: false, denied: false }),
            file(503, b"busy"),
            answer(404, r#"{"code":3301,"message":"There is no recording for this meeting."}"#),
        ]);
        let e = client(&t).download(URL, Auth::InUrl, 100).unwrap_err();
        assert!(matches!(&e, Error::NotFound(a) if a.code == Some(3301)), "{e}");
        assert_eq!(t.sent.borrow().len(), 3);
        let t = Scripted::new(vec![Err(TransportError { message: "reset".into(), sent: true, denied: true })]);
        let e = client(&t).download(URL, Auth::InUrl, 100).unwrap_err();
        assert!(!e.to_string().contains("dl-secret-token") && !e.to_string().contains("zoom.example"), "{e}");
        let e = client(&t).download("ftp://x/y", Auth::InUrl, 100).unwrap_err();
        assert!(matches!(e, Error::Unreadable(_)));
    }
}
