//! What the component may reach: an allow-list of `host:port` authorities and default timeouts.

use std::time::Duration;

use wasmtime_wasi_http::{RequestOptions, WasiBody, WasiHttpHooks};

/// The `wasi:http` hooks of one instance.
pub struct Egress {
    allowed: Vec<String>,
    timeout: Duration,
}

impl Egress {
    /// `allowed` holds `host:port` authorities; an empty list allows nothing.
    pub fn new(allowed: Vec<String>, timeout: Duration) -> Self {
        Egress { allowed: allowed.into_iter().map(|a| a.to_ascii_lowercase()).collect(), timeout }
    }

    fn permits(&self, uri: &http::Uri) -> bool {
        let Some(authority) = uri.authority() else { return false };
        let port = authority.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
        let wanted = format!("{}:{port}", authority.host().to_ascii_lowercase());
        self.allowed.contains(&wanted)
    }
}

/// `host:port` of a base URL such as `https://api.zoom.us/v2` (`api.zoom.us:443`).
pub fn authority_of(url: &str) -> Option<String> {
    let uri: http::Uri = url.parse().ok()?;
    let authority = uri.authority()?;
    let port = authority.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
    Some(format!("{}:{port}", authority.host().to_ascii_lowercase()))
}

type SendFuture = Box<
    dyn std::future::Future<
            Output = Result<
                (
                    http::Response<WasiBody>,
                    Box<dyn std::future::Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
                ),
                wasmtime_wasi_http::Error,
            >,
        > + Send,
>;

impl WasiHttpHooks for Egress {
    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        fut: Box<dyn std::future::Future<Output = Result<(), wasmtime_wasi_http::Error>> + Send>,
    ) -> SendFuture {
        if !self.permits(request.uri()) {
            return Box::new(async { Err(wasmtime_wasi_http::Error::HttpRequestDenied) });
        }
        // The guest can only set a connect timeout (waki); the host bounds the rest so nothing hangs.
        let mut options = options.unwrap_or_default();
        options.connect_timeout = Some(options.connect_timeout.unwrap_or(self.timeout).min(self.timeout));
        options.first_byte_timeout = Some(options.first_byte_timeout.unwrap_or(self.timeout));
        options.between_bytes_timeout = Some(options.between_bytes_timeout.unwrap_or(self.timeout));
        let _ = fut;
        Box::new(async move {
            use http_body_util::BodyExt;
            let (response, io) = wasmtime_wasi_http::default_send_request(request, Some(options)).await?;
            Ok((response.map(BodyExt::boxed_unsync), Box::new(io) as Box<dyn std::future::Future<Output = _> + Send>))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_matches_host_and_port_exactly() {
        let e = Egress::new(vec!["127.0.0.1:8080".into(), "api.zoom.us:443".into()], Duration::from_secs(1));
        assert!(e.permits(&"http://127.0.0.1:8080/v2/users".parse().unwrap()));
        assert!(e.permits(&"https://API.zoom.us/v2".parse().unwrap()));
        assert!(!e.permits(&"http://127.0.0.1:8081/v2".parse().unwrap()));
        assert!(!e.permits(&"https://evil.example/v2".parse().unwrap()));
        assert_eq!(authority_of("https://api.zoom.us/v2").as_deref(), Some("api.zoom.us:443"));
    }
}
