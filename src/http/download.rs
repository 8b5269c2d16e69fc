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
    /// any GET; a refused bearer token is renewed once.
    pub(crate) fn download(&self, url: &str, auth: Auth, limit: u64) -> Result<Download, Error> {
        if split_url(url).is_none() {
            return Err(Error::Unreadable("Zoom's download link is not an http(s) URL".to_owned()));
        }
        let (mut attempt, mut renewed) = (0, false);
        loop {
            let mut headers = vec![("accept".to_owned(), "*/*".to_owned())];
            if auth == Auth::Bearer {
                headers.push(("authorization".to_owned(), format!("Bearer {}", self.session.token(self.transport)?)));
            }
            let request = Request {
                method: Method::Get,
                url: url.to_owned(),
                headers,
                body: None,
                timeout: self.session.timeout(),
            };
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
