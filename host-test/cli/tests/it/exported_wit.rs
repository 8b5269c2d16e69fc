//! The WIT a platform reads from the built `.wasm` is the WIT in `wit/`: every export of the
//! `connector` world, every function's parameters and result, and every type they reach (record
//! fields, variant, enum and flags cases, aliases made by `use`), decoded from the artifact with
//! `wit-component` and compared with `wit/` parsed by `wit-parser`.
//!
//! Docs are compared only when the artifact carries them, and today it cannot: wit-bindgen 0.61
//! embeds the world with `wit_component::metadata::encode`, which writes types but no
//! `package-docs` section; and when a component is decoded, `wit-parser` applies a
//! `package-docs` section only to the component's own synthesized package (`root:component`),
//! so docs for `connector:zoom`'s interfaces have no place in an artifact's WIT even if such a
//! section were added by hand. `wit/` stays the documented contract (README says so).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use wit_parser::{
    Docs, Function, Handle, InterfaceId, Resolve, Type, TypeDefKind, TypeId, TypeOwner, WorldId, WorldItem,
};

/// Everything a platform sees of one world, by name: `export <name>` items, functions as
/// `<interface>#<function>` with their signature, and named types as `<interface>.<type>` with
/// their definition.
#[derive(Default)]
struct Surface {
    exports: BTreeSet<String>,
    items: BTreeMap<String, String>,
}

struct Walk<'a> {
    resolve: &'a Resolve,
    with_docs: bool,
    surface: Surface,
    seen: BTreeSet<TypeId>,
}

impl Walk<'_> {
    fn interface_name(&self, id: InterfaceId) -> String {
        compatible(&self.resolve.id_of(id).unwrap_or_else(|| format!("<unnamed interface {}>", id.index())))
    }

    fn docs(&self, docs: &Docs) -> String {
        match (&docs.contents, self.with_docs) {
            (Some(text), true) => format!(" /// {}", text.trim()),
            _ => String::new(),
        }
    }

    /// A type as a reference: named types by their qualified name, anonymous ones spelled out.
    fn ty(&mut self, ty: &Type) -> String {
        let Type::Id(id) = ty else { return format!("{ty:?}").to_lowercase() };
        let def = &self.resolve.types[*id];
        if let Some(name) = &def.name {
            let owner = match def.owner {
                TypeOwner::Interface(i) => self.interface_name(i),
                TypeOwner::World(w) => self.resolve.worlds[w].name.clone(),
                TypeOwner::None => String::new(),
            };
            let qualified = format!("{owner}.{name}");
            if self.seen.insert(*id) {
                let definition = self.definition(&def.kind);
                let docs = self.docs(&def.docs);
                self.surface.items.insert(qualified.clone(), format!("{definition}{docs}"));
            }
            return qualified;
        }
        self.definition(&def.kind)
    }

    fn opt(&mut self, ty: &Option<Type>) -> String {
        ty.as_ref().map(|t| self.ty(t)).unwrap_or_else(|| "_".into())
    }

    fn definition(&mut self, kind: &TypeDefKind) -> String {
        match kind {
            TypeDefKind::Record(r) => {
                let fields: Vec<String> =
                    r.fields.iter().map(|f| format!("{}: {}{}", f.name, self.ty(&f.ty), self.docs(&f.docs))).collect();
                format!("record {{ {} }}", fields.join(", "))
            }
            TypeDefKind::Variant(v) => {
                let cases: Vec<String> =
                    v.cases.iter().map(|c| format!("{}({}){}", c.name, self.opt(&c.ty), self.docs(&c.docs))).collect();
                format!("variant {{ {} }}", cases.join(", "))
            }
            TypeDefKind::Enum(e) => {
                let cases: Vec<String> = e.cases.iter().map(|c| format!("{}{}", c.name, self.docs(&c.docs))).collect();
                format!("enum {{ {} }}", cases.join(", "))
            }
            TypeDefKind::Flags(f) => {
                let flags: Vec<String> = f.flags.iter().map(|c| format!("{}{}", c.name, self.docs(&c.docs))).collect();
                format!("flags {{ {} }}", flags.join(", "))
            }
            TypeDefKind::Tuple(t) => {
                let types: Vec<String> = t.types.iter().map(|t| self.ty(t)).collect();
                format!("tuple<{}>", types.join(", "))
            }
            TypeDefKind::Option(t) => format!("option<{}>", self.ty(t)),
            TypeDefKind::Result(r) => format!("result<{}, {}>", self.opt(&r.ok), self.opt(&r.err)),
            TypeDefKind::List(t) => format!("list<{}>", self.ty(t)),
            TypeDefKind::Map(k, v) => format!("map<{}, {}>", self.ty(k), self.ty(v)),
            TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", self.ty(t)),
            TypeDefKind::Future(t) => format!("future<{}>", self.opt(t)),
            TypeDefKind::Stream(t) => format!("stream<{}>", self.opt(t)),
            TypeDefKind::Type(t) => format!("type = {}", self.ty(t)),
            TypeDefKind::Handle(Handle::Own(id)) => format!("own<{}>", self.ty(&Type::Id(*id))),
            TypeDefKind::Handle(Handle::Borrow(id)) => format!("borrow<{}>", self.ty(&Type::Id(*id))),
            TypeDefKind::Resource => "resource".into(),
            TypeDefKind::Unknown => "unknown".into(),
        }
    }

    fn function(&mut self, interface: &str, f: &Function) {
        let params: Vec<String> = f.params.iter().map(|p| format!("{}: {}", p.name, self.ty(&p.ty))).collect();
        let result = self.opt(&f.result);
        let docs = self.docs(&f.docs);
        self.surface
            .items
            .insert(format!("{interface}#{}", f.name), format!("func({}) -> {result}{docs}", params.join(", ")));
    }

    /// Every export of `world`, and every named type its functions reach (also those an exported
    /// interface declares but no function uses, so a dropped type shows up too).
    fn world(mut self, world: WorldId) -> Surface {
        let resolve = self.resolve;
        for (key, item) in &resolve.worlds[world].exports {
            let name = compatible(&resolve.name_world_key(key));
            self.surface.exports.insert(name.clone());
            match item {
                WorldItem::Interface { id, .. } => {
                    let interface = &resolve.interfaces[*id];
                    let docs = self.docs(&interface.docs);
                    self.surface.items.insert(name.clone(), format!("interface{docs}"));
                    for f in interface.functions.values() {
                        self.function(&name, f);
                    }
                    for ty in interface.types.values() {
                        self.ty(&Type::Id(*ty));
                    }
                }
                WorldItem::Function(f) => self.function("", f),
                WorldItem::Type { id: ty, .. } => {
                    self.ty(&Type::Id(*ty));
                }
            }
        }
        self.surface
    }
}

/// `wasi:http/types@0.2.4` as `wasi:http/types@0.2`: when the component is linked, imports of
/// semver-compatible versions are merged into the newest one its dependencies bring (waki's
/// 0.2.4 beside `wit/deps`' 0.2.2), and every 0.2 host accepts any 0.2.x, so only the
/// compatible track is part of the contract.
fn compatible(name: &str) -> String {
    let Some((path, version)) = name.rsplit_once('@') else { return name.to_string() };
    match version.split('.').collect::<Vec<_>>()[..] {
        ["0", minor, _] => format!("{path}@0.{minor}"),
        [major, _, _] if major != "0" => format!("{path}@{major}"),
        _ => name.to_string(),
    }
}

fn any_docs(resolve: &Resolve) -> bool {
    let typed = resolve.types.iter().any(|(_, t)| {
        t.docs.contents.is_some()
            || match &t.kind {
                TypeDefKind::Record(r) => r.fields.iter().any(|f| f.docs.contents.is_some()),
                TypeDefKind::Variant(v) => v.cases.iter().any(|c| c.docs.contents.is_some()),
                TypeDefKind::Enum(e) => e.cases.iter().any(|c| c.docs.contents.is_some()),
                _ => false,
            }
    });
    let functions = resolve
        .interfaces
        .iter()
        .any(|(_, i)| i.docs.contents.is_some() || i.functions.values().any(|f| f.docs.contents.is_some()));
    typed || functions
}

fn differences(artifact: &Surface, documented: &Surface) -> Vec<String> {
    let mut out = Vec::new();
    for name in artifact.exports.symmetric_difference(&documented.exports) {
        let side = if artifact.exports.contains(name) { "the artifact exports" } else { "wit/ exports" };
        out.push(format!("{side} `{name}`; the other does not"));
    }
    let names: BTreeSet<&String> = artifact.items.keys().chain(documented.items.keys()).collect();
    for name in names {
        match (artifact.items.get(name), documented.items.get(name)) {
            (Some(a), Some(d)) if a != d => out.push(format!("`{name}` differs:\n  artifact: {a}\n  wit/:     {d}")),
            (Some(a), None) => out.push(format!("`{name}` is in the artifact only: {a}")),
            (None, Some(d)) => out.push(format!("`{name}` is in wit/ only: {d}")),
            _ => {}
        }
    }
    out
}

#[test]
fn the_built_component_exports_the_wit_in_the_wit_directory() {
    let bytes = std::fs::read(zoom_host::COMPONENT_PATH).expect("the built component");
    let wit_parser::decoding::DecodedWasm::Component(built, built_world) =
        wit_component::decode(&bytes).expect("the artifact decodes as a component")
    else {
        panic!("the artifact is a WIT package, not a component")
    };

    let mut documented = Resolve::default();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../wit");
    let (package, _) = documented.push_dir(&dir).expect("wit/ parses");
    let world = documented.select_world(&[package], Some("connector")).expect("wit/ has the connector world");

    let with_docs = any_docs(&built);
    let artifact =
        Walk { resolve: &built, with_docs, surface: Surface::default(), seen: BTreeSet::new() }.world(built_world);
    let wit = Walk { resolve: &documented, with_docs, surface: Surface::default(), seen: BTreeSet::new() }.world(world);

    // A decode that found nothing would compare equal to a `wit/` that parsed to nothing.
    assert!(artifact.exports.len() >= 6, "exports: {:?}", artifact.exports);
    assert!(artifact.items.keys().any(|k| k.ends_with("/actions@0.1#create-meeting")), "no create-meeting");
    let diff = differences(&artifact, &wit);
    assert!(diff.is_empty(), "the artifact's WIT differs from wit/ in {} places:\n{}", diff.len(), diff.join("\n"));
}
