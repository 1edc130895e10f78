// DESIGN: how the dataset loads fast and still validates every record.
//
// Measured alternatives (bundled dataset: 457 records, ~2.4 MB of pretty-printed JSON):
//   - nlohmann::json DOM of every file, then typed structs: ~25-30 ms and ~20 MB of heap at peak,
//     which alone breaks the server's 12 ms cold-start budget and its 16 MiB RSS budget.
//   - json_lite (flat node array reused across files) + direct conversion into typed structs whose
//     strings view the embedded text: a few ms, no per-string allocation (see bench/ for figures).
// The typed conversion is also the validator (types, required members, enums, dates, unknown
// members, source references), so a bad record fails with its file and JSON pointer. The JSON
// Schema in schemas/model.schema.json says the same thing and a test checks every bundled record
// against it with valijson; another test checks that both reject the same bad fixtures.
#include <openness/dataset.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>

#include "index.h"
#include "pack.h"
#include "reader.h"

namespace openness {

namespace fs = std::filesystem;
using detail::Val;
using json_lite::Type;

namespace {
// A private copy of a user file, read once at load into anonymous memory. The records stay there
// as text and are parsed again, lazily, when used; so the dataset must never read the file again:
// a file mapping would show whatever the user writes to the file later (records that were never
// validated, or a half-written file), and touching a mapped page past the end of a file that was
// truncated meanwhile kills the process with SIGBUS.
struct Mapping {
  const char* data = nullptr;
  std::size_t size = 0;    // bytes read
  std::size_t mapped = 0;  // bytes of the anonymous mapping
  Mapping() = default;
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() {
    if (data) ::munmap(const_cast<char*>(data), mapped);
  }
};

}  // namespace

struct Dataset::Storage {
  // `small`: one record's worth (a lazily parsed bundled record), so chunks start tiny.
  explicit Storage(bool small = false) : arena(small ? 1024 : std::size_t{256} * 1024) {}
  std::vector<std::unique_ptr<Mapping>> maps;  // user files, read once, kept while the dataset lives
  std::vector<json_lite::StringArena> arenas;  // ids that needed unescaping
  std::vector<detail::Segment> segments;       // index of the text records, until finish_index
  Arena arena;                                 // every part of a record, and unescaped strings, paths

  void reset() { arena.reset(); }
};

// A bundled record parsed on first use.
struct LazyRecord {
  Record rec;
  Dataset::Storage st{true};
};

struct Dataset::Packed {
  std::unique_ptr<Mapping> map;  // user bundles: the file, read once
  std::string_view origin;       // "bundled" or the file path
  std::uint32_t base = 0;        // dataset index of the first record
  std::string_view licenses;     // data/licenses.json text (the bundled bundle only)
  const detail::BundleHeader* header = nullptr;
  detail::SegmentView index;
  std::span<const detail::RecordEntry> entries;
  std::string_view text;
  std::unique_ptr<std::atomic<LazyRecord*>[]> lazy;
  std::vector<bool> dead;  // replaced by a user record
  std::uint32_t count = 0;

  bool user = false;  // from a --data-dir (replaces bundled records; cannot be replaced)
  std::string_view id(std::uint32_t i) const { return text.substr(entries[i].id_off, entries[i].id_len); }
  std::string_view family(std::uint32_t i) const { return text.substr(entries[i].family_off, entries[i].family_len); }
  std::optional<std::uint32_t> find(std::string_view id_) const {
    std::uint32_t lo = 0, hi = count;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      if (id(mid) < id_)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < count && id(lo) == id_) return lo;
    return std::nullopt;
  }
  ~Packed() {
    if (!lazy) return;
    for (std::uint32_t i = 0; i < count; ++i) delete lazy[i].load(std::memory_order_acquire);
  }
};

namespace {

constexpr std::size_t kShort = 1024;  // ids, names, kinds, dates
constexpr std::size_t kLong = 16384;  // notes, titles, details, URLs

bool valid_id(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  auto ok = [](char c, bool first) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!first && (c == '.' || c == '-' || c == '+'));
  };
  if (!ok(s[0], true)) return false;
  for (char c : s.substr(1))
    if (!ok(c, false)) return false;
  return true;
}

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// Converts one record's nodes into a Record, appending to the storage pools.
class RecordParser {
 public:
  explicit RecordParser(Dataset::Storage& st) : st_(st) {}

  Record parse(const Val& root, std::string_view origin) {
    root.expect(Type::Object);
    Record r;
    r.origin = origin;
    std::vector<FieldSource> fsrc;
    std::vector<Alias> aliases;
    std::vector<Link> links;
    std::vector<Disagreement> disagreements;
    std::vector<Quirk> quirks;
    std::vector<Source> sources;
    bool has_id = false, has_kind = false, has_name = false, has_sources = false;
    // Sources first, so that every reference below is checked where it stands.
    root.each_member([&](std::string_view key, const Val& v) {
      if (key != "sources") return;
      has_sources = true;
      parse_sources(v, sources);
    });
    if (!has_sources || sources.empty()) root.fail("a record needs at least one source (member \"sources\")");
    sources_ = &sources;
    root.each_member([&](std::string_view key, const Val& v) {
      if (key == "id") {
        r.id = v.text(kShort);
        if (!valid_id(r.id)) v.fail("id must match [a-z0-9][a-z0-9.+-]* (at most 200 characters)");
        has_id = true;
      } else if (key == "kind") {
        auto k = v.str();
        if (k == "model")
          r.kind = RecordKind::Model;
        else if (k == "family")
          r.kind = RecordKind::Family;
        else
          v.fail("kind must be \"model\" or \"family\"");
        has_kind = true;
      } else if (key == "name") {
        r.name = v.text(kShort);
        has_name = true;
      } else if (key == "producer") {
        r.producer = v.text(kShort);
      } else if (key == "producer_as_published") {
        r.producer_as_published = strings(v, kShort);
      } else if (key == "release_date") {
        r.release_date = v.text(kShort);
        if (!detail::valid_date(r.release_date)) v.fail("release_date must be YYYY, YYYY-MM or YYYY-MM-DD");
      } else if (key == "modality") {
        r.modality = strings(v, kShort, [](const Val& e, std::string_view s) {
          if (!one_of(s, {"text", "code", "image", "vision", "audio", "video", "3d", "multimodal", "other"}))
            e.fail("modality must be one of text, code, image, vision, audio, video, 3d, multimodal, other");
        });
      } else if (key == "size") {
        r.size = v.text(kShort);
      } else if (key == "version") {
        r.version = v.text(kShort);
      } else if (key == "architecture") {
        r.architecture = v.text(kShort);
      } else if (key == "base_model") {
        r.base_model = v.text(kShort);
      } else if (key == "family") {
        v.each_member([&](std::string_view k, const Val& f) {
          if (k == "id") {
            r.family_id = f.text(kShort);
            if (!valid_id(r.family_id)) f.fail("not a valid record id");
          } else if (k == "method") {
            r.family_method = f.text(kLong);
          } else {
            v.unknown_member(k);
          }
        });
        if (r.family_id.empty()) v.fail("missing required member \"id\"");
      } else if (key == "field_sources") {
        v.each_member([&](std::string_view k, const Val& f) {
          if (!one_of(
                  k, {"name", "producer", "release_date", "modality", "size", "version", "architecture", "base_model"}))
            v.unknown_member(k);
          fsrc.push_back({k, ref(f)});
        });
      } else if (key == "aliases") {
        v.each_elem([&](const Val& e) {
          Alias a;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "value")
              a.value = f.text(kShort);
            else if (k == "kind") {
              a.kind = f.str();
              if (!one_of(a.kind, {"name", "file-name", "huggingface", "ollama", "marketing", "family-name",
                                   "eosai-end-model", "other"}))
                f.fail(
                    "alias kind must be one of name, file-name, huggingface, ollama, marketing, family-name, "
                    "eosai-end-model, other");
            } else if (k == "source")
              a.source = ref(f);
            else
              e.unknown_member(k);
          });
          require(e, !a.value.empty() && !a.kind.empty() && !a.source.empty(), "an alias needs value, kind and source");
          aliases.push_back(a);
        });
      } else if (key == "links") {
        v.each_elem([&](const Val& e) {
          Link l;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "kind")
              l.kind = f.text(kShort);
            else if (k == "url")
              l.url = f.text(kLong);
            else if (k == "source")
              l.source = ref(f);
            else
              e.unknown_member(k);
          });
          require(e, !l.kind.empty() && !l.url.empty() && !l.source.empty(), "a link needs kind, url and source");
          links.push_back(l);
        });
      } else if (key == "mof") {
        r.mof = mof(v);
      } else if (key == "eosai") {
        r.eosai = eosai(v);
      } else if (key == "osi_validation") {
        OsiValidation o;
        v.each_member([&](std::string_view k, const Val& f) {
          if (k == "system")
            o.system = f.text(kShort);
          else if (k == "producer")
            o.producer = f.text(kShort);
          else if (k == "outcome") {
            o.outcome = f.str();
            if (!one_of(o.outcome, {"pass", "needs-license-change", "fail"}))
              f.fail("outcome must be pass, needs-license-change or fail");
          } else if (k == "note")
            o.note = f.text(kLong);
          else if (k == "source")
            o.source = ref(f);
          else
            v.unknown_member(k);
        });
        require(v, !o.system.empty() && !o.outcome.empty() && !o.source.empty(),
                "osi_validation needs system, outcome and source");
        r.osi_validation = st_.arena.one(o);
      } else if (key == "availability") {
        Availability a;
        std::string_view weights;
        v.each_member([&](std::string_view k, const Val& f) {
          if (k == "weights") {
            weights = f.str();
            if (!one_of(weights, {"released", "not-released"})) f.fail("weights must be released or not-released");
          } else if (k == "license")
            a.license = f.text(kShort);
          else if (k == "training_code") {
            a.training_code = stated(f);
            if (a.training_code == Stated::Described) f.fail("training_code is released or not-released");
          } else if (k == "training_data")
            a.training_data = stated(f);
          else if (k == "note")
            a.note = f.text(kLong);
          else if (k == "source")
            a.source = ref(f);
          else if (k == "fact_sources") {
            f.each_member([&](std::string_view fk, const Val& ff) {
              if (fk == "weights")
                a.weights_source = ref(ff);
              else if (fk == "license")
                a.license_source = ref(ff);
              else if (fk == "training_code")
                a.code_source = ref(ff);
              else if (fk == "training_data")
                a.data_source = ref(ff);
              else
                f.unknown_member(fk);
            });
          } else if (k == "from_family") {
            f.each_elem([&](const Val& e) {
              const std::string_view fact = e.str();
              if (fact == "license")
                a.license_from_family = true;
              else if (fact == "training_code")
                a.code_from_family = true;
              else if (fact == "training_data")
                a.data_from_family = true;
              else
                e.fail("from_family lists license, training_code or training_data");
            });
          } else
            v.unknown_member(k);
        });
        require(v, !weights.empty() && !a.note.empty() && !a.source.empty(),
                "availability needs weights, note and source");
        a.released = weights == "released";
        require(v, a.released || a.license.empty(), "availability: a license only goes with released weights");
        r.availability = st_.arena.one(a);
      } else if (key == "disagreements") {
        v.each_elem([&](const Val& e) {
          Disagreement d;
          std::vector<DisagreementValue> vals;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "field")
              d.field = f.text(kShort);
            else if (k == "note")
              d.note = f.text(kLong);
            else if (k == "values") {
              f.each_elem([&](const Val& x) {
                DisagreementValue dv;
                x.each_member([&](std::string_view xk, const Val& xf) {
                  if (xk == "value")
                    dv.value = xf.str().substr(0, kLong);
                  else if (xk == "source")
                    dv.source = ref(xf);
                  else
                    x.unknown_member(xk);
                });
                require(x, !dv.source.empty(), "a disagreement value needs a source");
                vals.push_back(dv);
              });
            } else
              e.unknown_member(k);
          });
          require(e, !d.field.empty() && !vals.empty(), "a disagreement needs field and values");
          d.values = st_.arena.copy(vals);
          disagreements.push_back(d);
        });
      } else if (key == "quirks") {
        v.each_elem([&](const Val& e) {
          Quirk q;
          e.each_member([&](std::string_view k, const Val& f) {
            if (k == "kind")
              q.kind = f.text(kShort);
            else if (k == "detail")
              q.detail = f.text(kLong);
            else if (k == "source")
              q.source = ref(f);
            else
              e.unknown_member(k);
          });
          require(e, !q.kind.empty() && !q.detail.empty() && !q.source.empty(),
                  "a quirk needs kind, detail and source");
          quirks.push_back(q);
        });
      } else if (key == "sources") {
        // parsed first, above
      } else {
        root.unknown_member(key);
      }
    });
    if (!has_id) root.fail("missing required member \"id\"");
    if (!has_kind) root.fail("missing required member \"kind\"");
    if (!has_name) root.fail("missing required member \"name\"");
    if (!has_sources || sources.empty()) root.fail("a record needs at least one source (member \"sources\")");
    bool name_sourced = false;
    for (const auto& f : fsrc) name_sourced = name_sourced || f.field == "name";
    if (!name_sourced) root.fail("field_sources must name the source of \"name\"");
    // Every top-level fact that is present has a source, and every reference resolves.
    auto needs = [&](std::string_view field, bool present) {
      if (!present) return;
      for (const auto& f : fsrc)
        if (f.field == field) return;
      root.fail("field_sources has no entry for \"" + std::string(field) + "\"");
    };
    needs("producer", !r.producer.empty());
    needs("release_date", !r.release_date.empty());
    needs("modality", !r.modality.empty());
    needs("size", !r.size.empty());
    needs("version", !r.version.empty());
    needs("architecture", !r.architecture.empty());
    needs("base_model", !r.base_model.empty());
    r.field_sources = st_.arena.copy(fsrc);
    r.aliases = st_.arena.copy(aliases);
    r.links = st_.arena.copy(links);
    r.disagreements = st_.arena.copy(disagreements);
    r.quirks = st_.arena.copy(quirks);
    r.sources = st_.arena.copy(sources);
    return r;
  }

  void parse_sources(const Val& v, std::vector<Source>& sources) {
    v.each_elem([&](const Val& e) {
      Source s;
      e.each_member([&](std::string_view k, const Val& f) {
        if (k == "id")
          s.id = f.text(kShort);
        else if (k == "title")
          s.title = f.text(kLong);
        else if (k == "url")
          s.url = f.text(kLong);
        else if (k == "repository")
          s.repository = f.text(kLong);
        else if (k == "path")
          s.path = f.text(kLong);
        else if (k == "commit")
          s.commit = f.text(kShort);
        else if (k == "as_of") {
          s.as_of = f.text(kShort);
          if (!detail::valid_full_date(s.as_of)) f.fail("as_of must be a date YYYY-MM-DD");
        } else if (k == "license")
          s.license = f.text(kLong);
        else
          e.unknown_member(k);
      });
      require(e, !s.id.empty(), "a source needs an id");
      require(e, !s.url.empty(), "a source needs a url");
      require(e, !s.as_of.empty(), "a source needs an as_of date");
      require(e, !s.title.empty(), "a source needs a title");
      for (const auto& o : sources)
        if (o.id == s.id) e.fail("duplicate source id \"" + std::string(s.id) + "\"");
      sources.push_back(s);
    });
  }

 private:
  static void require(const Val& v, bool ok, const char* msg) {
    if (!ok) v.fail(msg);
  }

  static Stated stated(const Val& v) {
    const std::string_view s = v.str();
    for (Stated x : {Stated::Released, Stated::NotReleased, Stated::Described})
      if (s == to_string(x)) return x;
    v.fail("must be released, described or not-released");
  }

  // A source reference ("<source id>" or "<source id>#<fragment>"): must name one of the sources.
  std::string_view ref(const Val& v) {
    auto s = v.text(kShort);
    const std::string_view id = s.substr(0, s.find('#'));
    for (const auto& src : *sources_)
      if (src.id == id) return s;
    v.fail("source \"" + std::string(s) + "\" is not in the record's sources");
  }

  template <class Check = std::nullptr_t>
  std::span<const std::string_view> strings(const Val& v, std::size_t max, Check check = nullptr) {
    tmp_.clear();
    v.each_elem([&](const Val& e) {
      auto s = e.text(max);
      if constexpr (!std::is_same_v<Check, std::nullptr_t>) check(e, s);
      tmp_.push_back(s);
    });
    return st_.arena.copy(tmp_);
  }

  const MofData* mof(const Val& v) {
    MofData m;
    std::vector<MofComponentEntry> comps;
    bool has_components = false;
    v.each_member([&](std::string_view k, const Val& f) {
      if (k == "source")
        m.source = ref(f);
      else if (k == "framework_version")
        m.framework_version = f.text(kShort);
      else if (k == "licenses") {
        f.each_member([&](std::string_view lk, const Val& l) {
          std::optional<LicenseRef>* slot = lk == "distribution" ? &m.distribution
                                            : lk == "code"       ? &m.code
                                            : lk == "data"       ? &m.data
                                            : lk == "document"   ? &m.document
                                                                 : nullptr;
          if (!slot) f.unknown_member(lk);
          LicenseRef lr;
          l.each_member([&](std::string_view x, const Val& y) {
            if (x == "name")
              lr.name = y.text(kShort);
            else if (x == "path")
              lr.path = y.text(kLong);
            else
              l.unknown_member(x);
          });
          require(l, !lr.name.empty(), "a release-wide license needs a name");
          *slot = lr;
        });
      } else if (k == "components") {
        has_components = true;
        if (f.size() > 64) f.fail("at most 64 components");
        f.each_elem([&](const Val& c) {
          MofComponentEntry e{};
          bool named = false;
          c.each_member([&](std::string_view ck, const Val& cf) {
            if (ck == "name") {
              auto id = component_from_name(cf.str());
              if (!id) cf.fail("not a MOF component name (see mof.settings.yml, e.g. \"Model parameters (Final)\")");
              e.id = *id;
              named = true;
            } else if (ck == "license") {
              e.has_license = true;
              e.license = cf.str().substr(0, kShort);
            } else if (ck == "license_path")
              e.license_path = cf.text(kLong);
            else if (ck == "component_path")
              e.component_path = cf.text(kLong);
            else if (ck == "description")
              e.description = cf.text(kLong);
            else
              c.unknown_member(ck);
          });
          require(c, named, "a component needs a name");
          for (const auto& o : comps)
            if (o.id == e.id) c.fail("component listed twice");
          comps.push_back(e);
        });
      } else
        v.unknown_member(k);
    });
    require(v, !m.source.empty(), "mof needs a source");
    require(v, has_components, "mof needs components (an empty list if none)");
    m.components = st_.arena.copy(comps);
    return st_.arena.one(m);
  }

  const EosaiData* eosai(const Val& v) {
    EosaiData e;
    bool have[kEosaiParamCount] = {};
    v.each_member([&](std::string_view k, const Val& f) {
      if (k == "source")
        e.source = ref(f);
      else if (k == "file")
        e.file = f.text(kShort);
      else if (k == "system_name")
        e.system_name = f.text(kShort);
      else if (k == "link")
        e.link = f.text(kLong);
      else if (k == "type")
        e.type = f.text(kShort);
      else if (k == "performance_class")
        e.performance_class = f.text(kShort);
      else if (k == "base_model")
        e.base_model = f.text(kShort);
      else if (k == "end_model")
        e.end_model = f.text(kShort);
      else if (k == "end_model_license")
        e.end_model_license = f.text(kShort);
      else if (k == "release_date")
        e.release_date = f.text(kShort);
      else if (k == "notes")
        e.notes = f.text(kLong);
      else if (k == "org") {
        f.each_member([&](std::string_view ok, const Val& o) {
          if (ok == "name")
            e.org_name = o.str().substr(0, kShort);
          else if (ok == "link")
            e.org_link = o.text(kLong);
          else if (ok == "notes")
            e.org_notes = o.text(kLong);
          else
            f.unknown_member(ok);
        });
      } else if (k == "parameters") {
        f.each_member([&](std::string_view pk, const Val& p) {
          auto id = eosai_param_from_key(pk);
          if (!id) f.unknown_member(pk);
          EosaiParameter& ep = e.parameters[static_cast<std::size_t>(*id)];
          have[static_cast<std::size_t>(*id)] = true;
          bool graded = false;
          p.each_member([&](std::string_view x, const Val& y) {
            if (x == "grade") {
              graded = true;
              if (y.is_null()) {
                ep.grade = Grade::None;
              } else {
                auto g = y.str();
                if (g == "open")
                  ep.grade = Grade::Open;
                else if (g == "partial")
                  ep.grade = Grade::Partial;
                else if (g == "closed")
                  ep.grade = Grade::Closed;
                else
                  y.fail("grade must be open, partial, closed or null");
              }
            } else if (x == "links") {
              ep.links = strings(y, kLong);
            } else if (x == "notes") {
              ep.notes = y.text(kLong);
            } else {
              p.unknown_member(x);
            }
          });
          require(p, graded, "a parameter needs a grade (null when EOSAI gives none)");
        });
      } else
        v.unknown_member(k);
    });
    require(v, !e.source.empty(), "eosai needs a source");
    for (std::size_t i = 0; i < kEosaiParamCount; ++i)
      if (!have[i]) v.fail("eosai.parameters is missing \"" + std::string(eosai_param_table()[i].key) + "\"");
    return st_.arena.one(e);
  }

  Dataset::Storage& st_;
  const std::vector<Source>* sources_ = nullptr;
  std::vector<std::string_view> tmp_;
};

std::unique_ptr<Mapping> read_file(const fs::path& p, std::size_t max) {
  struct Fd {
    int fd;
    ~Fd() {
      if (fd >= 0) ::close(fd);
    }
  } f{::open(p.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK)};
  if (f.fd < 0) throw DataError(p.string(), "", "cannot read the file");
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) throw DataError(p.string(), "", "cannot read the file");
  if (!S_ISREG(st.st_mode)) throw DataError(p.string(), "", "not a regular file");
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max) throw DataError(p.string(), "", "file larger than the limit of " + std::to_string(max) + " bytes");
  auto m = std::make_unique<Mapping>();
  if (size == 0) return m;
  // Page-aligned (bundles are read in place and need 8-byte alignment), and given back whole.
  void* a = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  if (a == MAP_FAILED) throw DataError(p.string(), "", "not enough memory to read the file");
  m->data = static_cast<const char*>(a);
  m->mapped = size;
  char* out = static_cast<char*>(a);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(f.fd, out + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw DataError(p.string(), "", std::string("cannot read the file: ") + std::strerror(errno));
    if (n == 0) break;  // the file shrank since fstat: what was read is the file
    got += static_cast<std::size_t>(n);
  }
  m->size = got;
  ::mprotect(a, size, PROT_READ);  // read-only from here, as the records' text views assume
  return m;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

// A record kept as text (a user file, or a text given to Dataset::load), parsed when first used.
struct Dataset::Entry {
  const char* text;
  std::uint32_t len;
  std::uint32_t origin;  // index in origins_
  std::string_view id;
};

Dataset::Dataset() : storage_(std::make_unique<Storage>()) {}
Dataset::~Dataset() {
  if (lazy_)
    for (std::size_t i = 0; i < entries_.size(); ++i) delete lazy_[i].load(std::memory_order_acquire);
}

namespace {

enum class Shape { Single, Array, Lines };

// The result of validating part of a file: its records as text spans, their index keys, and the
// first error (with its offset, so that parallel parts report the earliest one).
struct Chunk {
  std::vector<Dataset::Entry> entries;
  detail::SegmentBuilder keys;
  std::vector<std::pair<std::string_view, std::uint32_t>> families;  // (family id, local entry)
  json_lite::StringArena persist;                                    // ids that needed unescaping
  std::vector<json_lite::StringArena> persist_more;
  std::size_t aliases = 0, sources = 0;
  std::optional<DataError> error;
  std::size_t error_offset = 0;
};

std::string where(std::string_view path, std::string_view text, std::size_t offset, Shape shape) {
  if (shape != Shape::Lines) return std::string(path);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
  return std::string(path) + ":" + std::to_string(line);
}

// Validates the records of text[begin, end): every record is parsed and checked by RecordParser
// into scratch storage, its keys go to the index builder, and only its text span is kept.
void validate_range(std::string_view path, std::string_view text, std::size_t begin, std::size_t end, Shape shape,
                    std::uint32_t origin, Chunk& out) {
  Dataset::Storage scratch;
  RecordParser parser(scratch);
  std::vector<json_lite::Node> nodes;
  nodes.reserve(256);
  const std::string_view part = text.substr(0, end);
  auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t pos = begin;
  auto skip = [&] {
    while (pos < end && is_ws(part[pos])) ++pos;
  };
  auto fail = [&](std::size_t at, std::string pointer, std::string msg) {
    out.error = DataError(where(path, text, at, shape), std::move(pointer), std::move(msg));
    out.error_offset = at;
  };
  // One record at pos; false on error.
  auto one = [&](const std::string& prefix) -> bool {
    const std::size_t start = pos;
    json_lite::Error err;
    if (!json_lite::parse_value(part, pos, nodes, scratch.arena, err)) {
      auto [line, col] = json_lite::line_col(text, err.offset);
      fail(start, prefix + err.pointer,
           "invalid JSON: " + err.message + " (line " + std::to_string(line) + ", column " + std::to_string(col) + ")");
      return false;
    }
    detail::Ctx ctx{path, &nodes};
    try {
      const Record r = parser.parse(Val(ctx, 0, nullptr), path);
      const auto local = static_cast<std::uint32_t>(out.entries.size());
      auto inside = [&](std::string_view s) {
        return s.data() >= text.data() && s.data() + s.size() <= text.data() + text.size();
      };
      const std::string_view id = inside(r.id) ? r.id : out.persist.store(r.id);
      out.entries.push_back(Dataset::Entry{text.data() + start, static_cast<std::uint32_t>(pos - start), origin, id});
      out.keys.add(local, r);
      if (!r.family_id.empty())
        out.families.emplace_back(inside(r.family_id) ? r.family_id : out.persist.store(r.family_id), local);
      out.aliases += r.aliases.size();
      out.sources += r.sources.size();
    } catch (const DataError& e) {
      fail(start, prefix + e.pointer(), e.message());
      return false;
    }
    scratch.reset();
    return true;
  };
  skip();
  if (shape == Shape::Lines) {
    while (pos < end) {
      if (!one("")) return;
      while (pos < end && (part[pos] == ' ' || part[pos] == '\t' || part[pos] == '\r')) ++pos;
      if (pos < end && part[pos] != '\n')
        return fail(pos, "", "one JSON record per line expected (content after the record)");
      skip();
    }
    return;
  }
  if (pos >= end) return fail(pos, "", "empty file");
  if (part[pos] == '[') {
    ++pos;
    skip();
    if (pos < end && part[pos] == ']') {
      ++pos;
    } else {
      for (std::size_t i = 0;; ++i) {
        if (!one("/" + std::to_string(i))) return;
        skip();
        if (pos < end && part[pos] == ',') {
          ++pos;
          skip();
          continue;
        }
        if (pos < end && part[pos] == ']') {
          ++pos;
          break;
        }
        return fail(pos, "/" + std::to_string(i + 1), "expected ',' or ']' between records");
      }
    }
  } else if (!one("")) {
    return;
  }
  skip();
  if (pos != end) fail(pos, "", "unexpected content after the JSON value");
}

// Validates one file's text, in two parallel halves when it is a large JSON Lines file.
Chunk validate_text(std::string_view path, std::string_view text, Shape shape, std::uint32_t origin) {
  Chunk a;
  if (shape == Shape::Lines && text.size() > (std::size_t{8} << 20) && std::thread::hardware_concurrency() > 1) {
    std::size_t mid = text.size() / 2;
    while (mid < text.size() && text[mid] != '\n') ++mid;
    Chunk b;
    std::thread t([&] { validate_range(path, text, mid, text.size(), shape, origin, b); });
    validate_range(path, text, 0, mid, shape, origin, a);
    t.join();
    if (a.error) return a;
    if (b.error) return b;
    const auto offset = static_cast<std::uint32_t>(a.entries.size());
    a.entries.insert(a.entries.end(), b.entries.begin(), b.entries.end());
    b.keys.shift(offset);
    a.keys.append(std::move(b.keys));
    for (auto [f, i] : b.families) a.families.emplace_back(f, i + offset);
    a.aliases += b.aliases;
    a.sources += b.sources;
    a.persist_more.push_back(std::move(b.persist));
    return a;
  }
  validate_range(path, text, 0, text.size(), shape, origin, a);
  if (!a.error && a.entries.empty() && shape != Shape::Array) {
    a.error = DataError(std::string(path), "", "empty file");
  }
  return a;
}

}  // namespace

// Validates and adds the texts of `files` (as base records) and of the user directories.
void Dataset::load_texts(std::span<const TextFile> files, const LoadOptions& opts) {
  struct Source {
    std::string_view path, text;
    Shape shape;
    bool user;
  };
  std::vector<Source> sources;
  std::vector<fs::path> bundles;
  for (const auto& f : files) sources.push_back({storage_->arena.store(f.path), f.text, Shape::Single, false});
  for (const auto& dir : opts.data_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw DataError(dir, "", "--data-dir is not a directory");
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const auto name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;
      const auto ext = e.path().extension().string();
      if ((ext == ".json" || ext == ".jsonl" || ext == ".bundle") && e.is_regular_file()) paths.push_back(e.path());
    }
    if (ec) throw DataError(dir, "", "cannot list the directory: " + ec.message());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      if (p.extension() == ".bundle") {
        bundles.push_back(p);
        continue;
      }
      auto& m = storage_->maps.emplace_back(read_file(p, opts.max_file_bytes));
      const bool lines = p.extension() == ".jsonl";
      sources.push_back({storage_->arena.store(p.string()), std::string_view(m->data, m->size),
                         lines ? Shape::Lines : Shape::Array, true});
    }
  }
  // User bundles (written by openness-pack --records) take the index space after the bundled one.
  const std::size_t first_user_pack = packs_.size();
  for (const auto& p : bundles) {
    auto m = read_file(p, opts.max_file_bytes);
    const auto path = storage_->arena.store(p.string());
    const auto tv = std::chrono::steady_clock::now();
    auto pk = open_bundle(std::string_view(m->data, m->size), path, true);
    stats_.validate_ms += ms_since(tv);
    pk->map = std::move(m);
    pk->user = true;
    pk->base = text_base_;
    text_base_ += pk->count;
    stats_.aliases += pk->header->alias_count;
    stats_.sources += pk->header->source_count;
    stats_.bytes += pk->map->size;
    ++stats_.files;
    packs_.push_back(std::move(pk));
  }
  // JSON texts: validated now.
  detail::SegmentBuilder keys;
  std::vector<std::pair<std::string_view, std::uint32_t>> families;
  std::size_t first_user = 0;
  bool seen_user = false;
  for (const auto& s : sources) {
    if (s.user && !seen_user) {
      first_user = entries_.size();
      seen_user = true;
    }
    const auto origin = static_cast<std::uint32_t>(origins_.size());
    origins_.push_back(s.path);
    const auto tv = std::chrono::steady_clock::now();
    Chunk c = validate_text(s.path, s.text, s.shape, origin);
    stats_.validate_ms += ms_since(tv);
    if (c.error) throw DataError(std::move(*c.error));
    const auto offset = static_cast<std::uint32_t>(entries_.size());
    entries_.insert(entries_.end(), c.entries.begin(), c.entries.end());
    c.keys.shift(offset);
    keys.append(std::move(c.keys));
    for (auto [f, i] : c.families) families.emplace_back(f, i + offset);
    stats_.aliases += c.aliases;
    stats_.sources += c.sources;
    storage_->arenas.push_back(std::move(c.persist));
    for (auto& a : c.persist_more) storage_->arenas.push_back(std::move(a));
    stats_.bytes += s.text.size();
    ++stats_.files;
  }
  if (!seen_user) first_user = entries_.size();
  entry_dead_.assign(entries_.size(), false);
  lazy_ = std::make_unique<std::atomic<LazyRecord*>[]>(entries_.size());
  // Ids. Dataset index -> id and origin, for the user records (texts and user bundles).
  auto id_of = [&](std::uint32_t g) -> std::string_view {
    if (g >= text_base_) return entries_[g - text_base_].id;
    const Packed& p = *pack_of(g);
    return p.id(g - p.base);
  };
  auto origin_of = [&](std::uint32_t g) -> std::string {
    if (g >= text_base_) return std::string(origins_[entries_[g - text_base_].origin]);
    return std::string(pack_of(g)->origin);
  };
  using Keyed = std::vector<std::pair<std::uint64_t, std::uint32_t>>;
  auto sorted = [](Keyed v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  auto check_unique = [&](const Keyed& v) {
    for (std::size_t k = 1; k < v.size(); ++k)
      for (std::size_t j = k; j-- > 0 && v[j].first == v[k].first;)
        if (id_of(v[j].second) == id_of(v[k].second)) {
          const auto later = std::max(v[j].second, v[k].second), earlier = std::min(v[j].second, v[k].second);
          throw DataError(origin_of(later), "/id",
                          "record id \"" + std::string(id_of(later)) + "\" is also defined in " + origin_of(earlier));
        }
  };
  auto hash = [](std::string_view id) { return std::hash<std::string_view>{}(id); };
  Keyed base;  // base texts (Dataset::load's files)
  for (std::uint32_t i = 0; i < first_user; ++i) base.emplace_back(hash(entries_[i].id), text_base_ + i);
  base = sorted(std::move(base));
  check_unique(base);
  // User records: unique across the user texts and the user bundles (each bundle's ids are unique
  // and sorted, checked when it was packed).
  Keyed user_texts;
  for (std::uint32_t i = static_cast<std::uint32_t>(first_user); i < entries_.size(); ++i)
    user_texts.emplace_back(hash(entries_[i].id), text_base_ + i);
  user_texts = sorted(std::move(user_texts));
  check_unique(user_texts);
  auto in_texts = [&](std::string_view id) -> std::optional<std::uint32_t> {
    const auto h = hash(id);
    for (auto it = std::lower_bound(user_texts.begin(), user_texts.end(), std::pair{h, std::uint32_t{0}});
         it != user_texts.end() && it->first == h; ++it)
      if (id_of(it->second) == id) return it->second;
    return std::nullopt;
  };
  auto in_packs = [&](std::string_view id, std::size_t from, std::size_t to) -> std::optional<std::uint32_t> {
    for (std::size_t pi = from; pi < to; ++pi)
      if (auto k = packs_[pi]->find(id)) return packs_[pi]->base + *k;
    return std::nullopt;
  };
  auto duplicate = [&](std::uint32_t a, std::uint32_t b) {
    throw DataError(origin_of(std::max(a, b)), "/id",
                    "record id \"" + std::string(id_of(a)) + "\" is also defined in " + origin_of(std::min(a, b)));
  };
  for (const auto& [h, g] : user_texts)
    if (auto other = in_packs(id_of(g), first_user_pack, packs_.size())) duplicate(g, *other);
  for (std::size_t pi = first_user_pack + 1; pi < packs_.size(); ++pi) {
    // Walk the smaller of the packs before pi against pi.
    for (std::size_t qi = first_user_pack; qi < pi; ++qi) {
      const Packed& a = packs_[qi]->count <= packs_[pi]->count ? *packs_[qi] : *packs_[pi];
      const Packed& b = &a == packs_[qi].get() ? *packs_[pi] : *packs_[qi];
      for (std::uint32_t k = 0; k < a.count; ++k)
        if (auto j = b.find(a.id(k))) duplicate(a.base + k, b.base + *j);
    }
  }
  auto user_has = [&](std::string_view id) {
    return in_texts(id).has_value() || in_packs(id, first_user_pack, packs_.size()).has_value();
  };
  const bool any_user = !user_texts.empty() || packs_.size() > first_user_pack;
  if (any_user) {
    for (std::uint32_t i = 0; i < first_user; ++i)
      if (user_has(entries_[i].id)) {
        entry_dead_[i] = true;
        overridden_.emplace_back(entries_[i].id);
      }
    for (std::size_t pi = 0; pi < first_user_pack; ++pi)
      for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
        if (user_has(packs_[pi]->id(k))) {
          packs_[pi]->dead[k] = true;
          overridden_.emplace_back(packs_[pi]->id(k));
        }
  }
  Keyed all;
  for (std::uint32_t i = 0; i < entries_.size(); ++i) all.emplace_back(hash(entries_[i].id), i);
  ids_ = sorted(std::move(all));
  // Family links resolve.
  for (const auto& [fam, i] : families)
    if (!find(fam))
      throw DataError(std::string(origins_[entries_[i].origin]), "/family/id",
                      "family \"" + std::string(fam) + "\" is not a record id");
  for (std::size_t pi = first_user_pack; pi < packs_.size(); ++pi)
    for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
      if (auto fam = packs_[pi]->family(k); !fam.empty() && !find(fam))
        throw DataError(std::string(packs_[pi]->origin) + " (record " + std::string(packs_[pi]->id(k)) + ")",
                        "/family/id", "family \"" + std::string(fam) + "\" is not a record id");
  if (!entries_.empty()) {
    const auto tf = std::chrono::steady_clock::now();
    storage_->segments.push_back(keys.finish(entries_.size()));
    stats_.index_build_ms += ms_since(tf);
  }
  // Replaced records leave the counts.
  for (std::uint32_t i = 0; i < entries_.size(); ++i)
    if (entry_dead_[i]) {
      const Record& r = record(text_base_ + i);
      stats_.aliases -= r.aliases.size();
      stats_.sources -= r.sources.size();
    }
  for (std::size_t pi = 0; pi < first_user_pack; ++pi)
    for (std::uint32_t k = 0; k < packs_[pi]->count; ++k)
      if (packs_[pi]->dead[k]) {
        const Record& r = record(packs_[pi]->base + k);
        stats_.aliases -= r.aliases.size();
        stats_.sources -= r.sources.size();
      }
}

void Dataset::finish_index() {
  std::vector<detail::SegmentView> views;
  std::size_t keys = 0;
  for (const auto& p : packs_) {
    for (std::uint32_t i = 0; i < p->count; ++i)
      if (!p->dead[i]) order_.push_back(p->base + i);
    if (p->count) {
      auto v = p->index;
      v.rec_base = p->base;
      views.push_back(v);
      keys += p->header->key_count;
    }
  }
  for (std::uint32_t i = 0; i < entries_.size(); ++i)
    if (!entry_dead_[i]) order_.push_back(text_base_ + i);
  std::vector<detail::Segment> owned;
  for (auto& s : storage_->segments) {
    keys += s.key_count;
    owned.push_back(std::move(s));
  }
  storage_->segments.clear();
  for (const auto& s : owned) views.push_back(s.view(text_base_));
  const Dataset* self = this;
  resolver_ = detail::make_resolver([self](std::uint32_t i) -> const Record& { return self->record(i); },
                                    [self](std::uint32_t i) { return self->live(i); }, std::move(views),
                                    std::move(owned), keys);
  stats_.records = order_.size();
}

std::shared_ptr<const Dataset> Dataset::load(std::string_view licenses_json, std::span<const TextFile> files,
                                             const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  ds->licenses_text_ = licenses_json;
  ds->licenses_ = LicenseDb::parse(licenses_json, "licenses.json");  // validated now
  std::call_once(ds->licenses_once_, [] {});  // mark licenses_ as set: licenses() must not parse again
  ds->load_texts(files, opts);
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->finish_index();
  ds->stats_.index_ms = ms_since(t1);
  return ds;
}

namespace {

// 64-bit checksum of a byte range, 8 bytes at a time (a bundle's integrity check).
std::uint64_t checksum(std::string_view b) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ b.size();
  std::size_t i = 0;
  for (; i + 8 <= b.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, b.data() + i, 8);
    h = (h ^ (w * 0xff51afd7ed558ccdull)) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
  }
  for (; i < b.size(); ++i) h = (h ^ static_cast<unsigned char>(b[i])) * 0x100000001b3ull;
  return h;
}

}  // namespace

namespace detail {
std::uint64_t bundle_checksum(std::string_view bundle) { return checksum(bundle.substr(sizeof(BundleHeader))); }
}  // namespace detail

// Checks a bundle's header and sections (and, for a user file, its checksum) and views it.
std::unique_ptr<Dataset::Packed> Dataset::open_bundle(std::string_view blob, std::string_view origin, bool verify) {
  const std::string where(origin);
  auto pk = std::make_unique<Packed>();
  if (blob.size() < sizeof(detail::BundleHeader) || reinterpret_cast<std::uintptr_t>(blob.data()) % 8 != 0)
    throw DataError(where, "", "bundle missing, truncated or misaligned");
  const auto* h = reinterpret_cast<const detail::BundleHeader*>(blob.data());
  if (std::memcmp(h->magic, detail::kBundleMagic, 8) != 0 || h->version != 1)
    throw DataError(where, "", "not an openness bundle of version 1 (write one with openness-pack --records)");
  if (verify && detail::bundle_checksum(blob) != h->checksum)
    throw DataError(where, "", "bundle checksum mismatch: the file is damaged; pack it again");
  auto section = [&](const detail::Section& s, std::size_t elem) {
    if (s.off % 8 != 0 || s.off > blob.size() || s.len > (blob.size() - s.off) / elem)
      throw DataError(where, "", "bundle section out of bounds");
    return blob.data() + s.off;
  };
  pk->origin = origin;
  pk->header = h;
  pk->count = h->record_count;
  pk->entries = {reinterpret_cast<const detail::RecordEntry*>(section(h->records, sizeof(detail::RecordEntry))),
                 static_cast<std::size_t>(h->records.len)};
  if (pk->entries.size() != pk->count) throw DataError(where, "", "bundle record table size mismatch");
  pk->text = {section(h->text, 1), static_cast<std::size_t>(h->text.len)};
  for (const auto& e : pk->entries)
    if (e.text_off > pk->text.size() || e.text_len > pk->text.size() - e.text_off || e.id_off > pk->text.size() ||
        e.id_len > pk->text.size() - e.id_off || e.family_off > pk->text.size() ||
        e.family_len > pk->text.size() - e.family_off)  // family: found by fuzz_dataset (an escaped std::out_of_range)
      throw DataError(where, "", "bundle record out of bounds");
  // A user bundle's id table is searched by bisection: its ids must be unique and in order, as
  // openness-pack writes them (a forged table could otherwise hide records from find()).
  if (verify)
    for (std::uint32_t i = 1; i < pk->count; ++i)
      if (!(pk->id(i - 1) < pk->id(i)))
        throw DataError(where, "",
                        "bundle id table not sorted or not unique at record " + std::to_string(i) + " (\"" +
                            std::string(pk->id(i)) + "\"): pack it again");
  pk->licenses = {section(h->licenses, 1), static_cast<std::size_t>(h->licenses.len)};
  auto& ix = pk->index;
  ix.table = {reinterpret_cast<const detail::Slot*>(section(h->table, sizeof(detail::Slot))),
              static_cast<std::size_t>(h->table.len)};
  ix.fkeys = {reinterpret_cast<const detail::FKey*>(section(h->fkeys, sizeof(detail::FKey))),
              static_cast<std::size_t>(h->fkeys.len)};
  ix.offsets = {reinterpret_cast<const std::uint32_t*>(section(h->offsets, 4)),
                static_cast<std::size_t>(h->offsets.len)};
  ix.postings = {reinterpret_cast<const std::uint32_t*>(section(h->postings, 4)),
                 static_cast<std::size_t>(h->postings.len)};
  ix.keys = {section(h->keys, 1), static_cast<std::size_t>(h->keys.len)};
  if (ix.table.empty() || (ix.table.size() & (ix.table.size() - 1)) != 0 || ix.offsets.size() < 2 ||
      ((ix.offsets.size() - 1) & (ix.offsets.size() - 2)) != 0 || ix.offsets.back() != ix.postings.size())
    throw DataError(where, "", "bundle index malformed");
  // Index entries are bounds-checked where the resolver reads them (cheap per query), so a
  // hostile bundle cannot make a lookup read outside it.
  ix.record_count = pk->count;
  pk->lazy = std::make_unique<std::atomic<LazyRecord*>[]>(pk->count);
  pk->dead.assign(pk->count, false);
  return pk;
}

std::shared_ptr<const Dataset> Dataset::load_packed(std::string_view blob, const LoadOptions& opts) {
  const auto t0 = std::chrono::steady_clock::now();
  std::shared_ptr<Dataset> ds(new Dataset());
  auto pk = open_bundle(blob, "bundled", false);  // validated at build time, embedded in the binary
  ds->licenses_text_ = pk->licenses;
  if (!opts.bundled) {  // keep the license knowledge, drop the bundled records
    pk->count = 0;
    pk->entries = {};
  } else {
    ds->stats_.aliases = pk->header->alias_count;
    ds->stats_.sources = pk->header->source_count;
  }
  ds->stats_.bytes = blob.size();
  ds->stats_.files = 1;
  ds->text_base_ = pk->count;
  ds->packs_.push_back(std::move(pk));
  ds->load_texts({}, opts);
  ds->stats_.parse_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  ds->finish_index();
  ds->stats_.index_ms = ms_since(t1);
  return ds;
}

const Dataset::Packed* Dataset::pack_of(std::uint32_t i) const {
  for (auto it = packs_.rbegin(); it != packs_.rend(); ++it)
    if (i >= (*it)->base && i < (*it)->base + (*it)->count) return it->get();
  return nullptr;
}

bool Dataset::live(std::uint32_t i) const {
  if (i >= text_base_) return !entry_dead_[i - text_base_];
  const Packed* p = pack_of(i);
  return p && !p->dead[i - p->base];
}

namespace {
// Parses one record's text on first use; lock-free: the first thread to finish publishes its copy.
// `table_id` (a user bundle's id table entry; empty: none) is checked against the parsed record
// before it is published, so a record whose text and table disagree is never kept, and a record
// that passed costs nothing more on later reads.
const Record& materialise(std::atomic<LazyRecord*>& slot, std::string_view text, std::string_view origin,
                          std::optional<std::string_view> table_id = std::nullopt) {
  if (LazyRecord* p = slot.load(std::memory_order_acquire)) return p->rec;
  auto fresh = std::make_unique<LazyRecord>();
  thread_local std::vector<json_lite::Node> nodes;
  // Validated when the dataset was loaded (or built), so this cannot fail on unchanged text.
  detail::parse_or_throw(text, origin, nodes, fresh->st.arena);
  detail::Ctx ctx{origin, &nodes};
  RecordParser parser(fresh->st);
  fresh->rec = parser.parse(Val(ctx, 0, nullptr), origin);
  if (table_id && fresh->rec.id != *table_id)
    throw DataError(std::string(origin), "/id",
                    "bundle record says id \"" + std::string(fresh->rec.id) + "\" but the id table says \"" +
                        std::string(*table_id) + "\": pack it again");
  LazyRecord* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) return fresh.release()->rec;
  return expected->rec;  // another thread won; ours is discarded
}
}  // namespace

const Record& Dataset::record(std::uint32_t i) const {
  if (i < text_base_) {
    const Packed& p = *pack_of(i);
    const auto& e = p.entries[i - p.base];
    // A user bundle's id table and record texts are checked against each other when a record is
    // first read, so that loading stays lazy; a forged bundle whose tables disagree is refused
    // rather than serving a record that find() cannot reach.
    return materialise(p.lazy[i - p.base], p.text.substr(e.text_off, e.text_len), p.origin,
                       p.user ? std::optional(p.id(i - p.base)) : std::nullopt);
  }
  const Entry& e = entries_[i - text_base_];
  return materialise(lazy_[i - text_base_], std::string_view(e.text, e.len), origins_[e.origin]);
}

namespace {

// Every dataset a process loads carries the same license table (the bundled one, 188 KB of JSON,
// 1 to 5 ms to parse): parsed once and shared, instead of once for each dataset, which each
// --data-dir reload makes anew. The text is compared whole (a few µs), not by address, so a
// caller's blob freed and another loaded at the same address cannot get a stale table. The table
// holds views into the text it was parsed from, so each parse owns a copy of its text, kept alive
// with the table (an aliasing shared_ptr) for as long as any dataset holds it.
std::shared_ptr<const LicenseDb> shared_license_db(std::string_view text) {
  struct Parsed {
    std::string text;
    std::shared_ptr<const LicenseDb> db;
  };
  static std::mutex mu;
  static std::shared_ptr<const Parsed> last;
  const std::lock_guard lock(mu);
  if (!last || last->text != text) {
    auto p = std::make_shared<Parsed>();
    p->text = text;
    p->db = LicenseDb::parse(p->text, "<bundled>/licenses.json");
    last = std::move(p);
  }
  return {last, last->db.get()};
}

}  // namespace

const LicenseDb& Dataset::licenses() const {
  std::call_once(licenses_once_, [this] { licenses_ = shared_license_db(licenses_text_); });
  return *licenses_;
}

const Record* Dataset::find(std::string_view id) const {
  const auto h = std::hash<std::string_view>{}(id);
  for (auto it = std::lower_bound(ids_.begin(), ids_.end(), std::pair{h, std::uint32_t{0}});
       it != ids_.end() && it->first == h; ++it)
    if (!entry_dead_[it->second] && entries_[it->second].id == id) return &record(text_base_ + it->second);
  for (auto it = packs_.rbegin(); it != packs_.rend(); ++it)
    if (auto i = (*it)->find(id); i && !(*it)->dead[*i]) return &record((*it)->base + *i);
  return nullptr;
}

const Record* Dataset::family_of(const Record& r) const {
  if (r.eosai) return &r;
  return r.family_id.empty() ? nullptr : find(r.family_id);
}

std::vector<const Record*> Dataset::members_of(const Record& family) const {
  std::vector<const Record*> out;
  for (const Record& r : *this)
    if (r.family_id == family.id) out.push_back(&r);
  return out;
}

namespace detail {

namespace {
// Copies a JSON text without the whitespace outside strings.
void minify(std::string_view in, std::string& out) {
  bool str = false, esc = false;
  for (char c : in) {
    if (str) {
      out.push_back(c);
      if (esc)
        esc = false;
      else if (c == '\\')
        esc = true;
      else if (c == '"')
        str = false;
    } else if (c == '"') {
      str = true;
      out.push_back(c);
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out.push_back(c);
    }
  }
}
}  // namespace

// Each record's text is parsed once more (scratch storage, so memory stays flat at a million
// records), minified into the bundle, and its keys go to the index.
std::string write_bundle(const Dataset& ds, std::string_view licenses_json) {
  if (!ds.packs_.empty()) throw std::logic_error("write_bundle: only for datasets loaded from texts");
  std::vector<std::uint32_t> order;
  for (std::uint32_t i = 0; i < ds.entries_.size(); ++i)
    if (!ds.entry_dead_[i]) order.push_back(i);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return ds.entries_[a].id < ds.entries_[b].id; });
  BundleHeader h{};
  std::memcpy(h.magic, kBundleMagic, 8);
  h.version = 1;
  h.record_count = static_cast<std::uint32_t>(order.size());
  std::string text;
  std::vector<RecordEntry> entries;
  entries.reserve(order.size());
  SegmentBuilder keys;
  Dataset::Storage scratch;
  std::vector<json_lite::Node> nodes;
  for (std::uint32_t k = 0; k < order.size(); ++k) {
    const auto& en = ds.entries_[order[k]];
    const std::string_view src(en.text, en.len);
    scratch.reset();
    parse_or_throw(src, ds.origins_[en.origin], nodes, scratch.arena);
    Ctx ctx{ds.origins_[en.origin], &nodes};
    RecordParser parser(scratch);
    const Record r = parser.parse(Val(ctx, 0, nullptr), ds.origins_[en.origin]);
    RecordEntry e{};
    e.text_off = static_cast<std::uint32_t>(text.size());
    minify(src, text);
    e.text_len = static_cast<std::uint32_t>(text.size() - e.text_off);
    e.id_off = static_cast<std::uint32_t>(text.size());
    e.id_len = static_cast<std::uint32_t>(r.id.size());
    text += r.id;
    e.family_off = static_cast<std::uint32_t>(text.size());
    e.family_len = static_cast<std::uint32_t>(r.family_id.size());
    text += r.family_id;
    entries.push_back(e);
    h.alias_count += r.aliases.size();
    h.source_count += r.sources.size();
    keys.add(k, r);
  }
  const Segment seg = keys.finish(order.size());
  h.key_count = seg.key_count;
  std::string out(sizeof(BundleHeader), '\0');
  auto put = [&](Section& s, const void* data, std::size_t bytes, std::size_t elems) {
    while (out.size() % 8) out.push_back('\0');
    s.off = out.size();
    s.len = elems;
    out.append(static_cast<const char*>(data), bytes);
  };
  put(h.licenses, licenses_json.data(), licenses_json.size(), licenses_json.size());
  put(h.records, entries.data(), entries.size() * sizeof(RecordEntry), entries.size());
  put(h.text, text.data(), text.size(), text.size());
  put(h.table, seg.table.data(), seg.table.size() * sizeof(Slot), seg.table.size());
  put(h.fkeys, seg.fkeys.data(), seg.fkeys.size() * sizeof(FKey), seg.fkeys.size());
  put(h.offsets, seg.offsets.data(), seg.offsets.size() * 4, seg.offsets.size());
  put(h.postings, seg.postings.data(), seg.postings.size() * 4, seg.postings.size());
  put(h.keys, seg.keys.data(), seg.keys.size(), seg.keys.size());
  while (out.size() % 8) out.push_back('\0');
  std::memcpy(out.data(), &h, sizeof h);
  h.checksum = bundle_checksum(out);
  std::memcpy(out.data(), &h, sizeof h);
  return out;
}

}  // namespace detail

}  // namespace openness
