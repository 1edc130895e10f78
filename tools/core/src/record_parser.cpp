// DESIGN: how the dataset loads fast and still validates every record.
//
// The typed conversion below is also the validator (types, required members, enums, dates,
// unknown members, source references), so a bad record fails with its file and JSON pointer. The
// JSON Schema in schemas/model.schema.json says the same thing and a test checks every bundled
// record against it with valijson; another test checks that both reject the same bad fixtures.
// Why not nlohmann::json and the schema alone: bench/README.md ("JSON readers").
#include "dataset_parts.h"

#include <algorithm>
#include <initializer_list>

namespace openness {

using detail::Val;
using json_nodes::Type;

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

// Converts one record's nodes into a Record whose parts go to the storage's arena. One per thread,
// reused: its scratch vectors keep their capacity from one record to the next.
class RecordParser {
 public:
  Record parse(const Val& root, std::string_view origin, Dataset::Storage& st) {
    root.expect(Type::Object);
    arena_ = &st.arena;
    r_ = Record();
    r_.origin = origin;
    fsrc_.clear();
    aliases_.clear();
    links_.clear();
    disagreements_.clear();
    quirks_.clear();
    std::vector<Source> sources;
    // Sources first, so that every reference below is checked where it stands.
    root.each_member([&](std::string_view key, const Val& v) {
      if (key == "sources") parse_sources(v, sources);
    });
    if (sources.empty()) root.fail("a record needs at least one source (member \"sources\")");
    sources_ = &sources;
    bool has_id = false, has_kind = false, has_name = false;
    root.each_member([&](std::string_view key, const Val& v) {
      has_id = has_id || key == "id";
      has_kind = has_kind || key == "kind";
      has_name = has_name || key == "name";
      if (!scalar(key, v) && !member(key, v) && key != "sources") root.unknown_member(key);
    });
    if (!has_id) root.fail("missing required member \"id\"");
    if (!has_kind) root.fail("missing required member \"kind\"");
    if (!has_name) root.fail("missing required member \"name\"");
    check_field_sources(root);
    r_.field_sources = arena_->copy(fsrc_);
    r_.aliases = arena_->copy(aliases_);
    r_.links = arena_->copy(links_);
    r_.disagreements = arena_->copy(disagreements_);
    r_.quirks = arena_->copy(quirks_);
    r_.sources = arena_->copy(sources);
    sources_ = nullptr;
    return r_;
  }

  // Every top-level fact that is present has a source (and "name" always has one).
  void check_field_sources(const Val& root) const {
    auto needs = [&](std::string_view field, bool present) {
      if (!present) return;
      for (const auto& f : fsrc_)
        if (f.field == field) return;
      if (field == "name") root.fail("field_sources must name the source of \"name\"");
      root.fail("field_sources has no entry for \"" + std::string(field) + "\"");
    };
    needs("name", true);
    needs("producer", !r_.producer.empty());
    needs("release_date", !r_.release_date.empty());
    needs("modality", !r_.modality.empty());
    needs("size", !r_.size.empty());
    needs("version", !r_.version.empty());
    needs("architecture", !r_.architecture.empty());
    needs("base_model", !r_.base_model.empty());
  }

  // The record's plain members; false when `key` is none of them.
  bool scalar(std::string_view key, const Val& v) {
    if (key == "id") {
      r_.id = v.text(kShort);
      if (!valid_id(r_.id)) v.fail("id must match [a-z0-9][a-z0-9.+-]* (at most 200 characters)");
    } else if (key == "kind") {
      auto k = v.str();
      if (k == "model")
        r_.kind = RecordKind::Model;
      else if (k == "family")
        r_.kind = RecordKind::Family;
      else
        v.fail("kind must be \"model\" or \"family\"");
    } else if (key == "name") {
      r_.name = v.text(kShort);
    } else if (key == "producer") {
      r_.producer = v.text(kShort);
    } else if (key == "producer_as_published") {
      r_.producer_as_published = strings(v, kShort);
    } else if (key == "release_date") {
      r_.release_date = v.text(kShort);
      if (!detail::valid_date(r_.release_date)) v.fail("release_date must be YYYY, YYYY-MM or YYYY-MM-DD");
    } else if (key == "modality") {
      r_.modality = strings(v, kShort, [](const Val& e, std::string_view s) {
        if (!one_of(s, {"text", "code", "image", "vision", "audio", "video", "3d", "multimodal", "other"}))
          e.fail("modality must be one of text, code, image, vision, audio, video, 3d, multimodal, other");
      });
    } else if (key == "size") {
      r_.size = v.text(kShort);
    } else if (key == "version") {
      r_.version = v.text(kShort);
    } else if (key == "architecture") {
      r_.architecture = v.text(kShort);
    } else if (key == "base_model") {
      r_.base_model = v.text(kShort);
    } else {
      return false;
    }
    return true;
  }

  // The record's structured members; false when `key` is none of them.
  bool member(std::string_view key, const Val& v) {
    if (key == "family")
      member_family(v);
    else if (key == "field_sources")
      member_field_sources(v);
    else if (key == "aliases")
      member_aliases(v);
    else if (key == "links")
      member_links(v);
    else if (key == "mof")
      r_.mof = mof(v);
    else if (key == "eosai")
      r_.eosai = eosai(v);
    else if (key == "osi_validation")
      member_osi_validation(v);
    else if (key == "availability")
      member_availability(v);
    else if (key == "disagreements")
      member_disagreements(v);
    else if (key == "quirks")
      member_quirks(v);
    else
      return false;
    return true;
  }

  void member_family(const Val& v) {
    v.each_member([&](std::string_view k, const Val& f) {
      if (k == "id") {
        r_.family_id = f.text(kShort);
        if (!valid_id(r_.family_id)) f.fail("not a valid record id");
      } else if (k == "method") {
        r_.family_method = f.text(kLong);
      } else if (k == "eosai_score") {
        if (f.text(kShort) != "another-generation") f.fail("eosai_score must be \"another-generation\"");
        r_.family_eosai_applies = false;
      } else {
        v.unknown_member(k);
      }
    });
    if (r_.family_id.empty()) v.fail("missing required member \"id\"");
  }

  void member_field_sources(const Val& v) {
    v.each_member([&](std::string_view k, const Val& f) {
      if (!one_of(k, {"name", "producer", "release_date", "modality", "size", "version", "architecture", "base_model"}))
        v.unknown_member(k);
      fsrc_.push_back({k, ref(f)});
    });
  }

  void member_aliases(const Val& v) {
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
      aliases_.push_back(a);
    });
  }

  void member_links(const Val& v) {
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
      links_.push_back(l);
    });
  }

  void member_osi_validation(const Val& v) {
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
    r_.osi_validation = arena_->one(o);
  }

  void member_availability(const Val& v) {
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
    require(v, !weights.empty() && !a.note.empty() && !a.source.empty(), "availability needs weights, note and source");
    a.released = weights == "released";
    require(v, a.released || a.license.empty(), "availability: a license only goes with released weights");
    r_.availability = arena_->one(a);
  }

  void member_disagreements(const Val& v) {
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
      d.values = arena_->copy(vals);
      disagreements_.push_back(d);
    });
  }

  void member_quirks(const Val& v) {
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
      require(e, !q.kind.empty() && !q.detail.empty() && !q.source.empty(), "a quirk needs kind, detail and source");
      quirks_.push_back(q);
    });
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
    return arena_->copy(tmp_);
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
    m.components = arena_->copy(comps);
    return arena_->one(m);
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
    return arena_->one(e);
  }

  Arena* arena_ = nullptr;  // the storage of the record being parsed
  const std::vector<Source>* sources_ = nullptr;
  std::vector<std::string_view> tmp_;
  Record r_;  // the record being parsed, and its parts until they go to the arena
  std::vector<FieldSource> fsrc_;
  std::vector<Alias> aliases_;
  std::vector<Link> links_;
  std::vector<Disagreement> disagreements_;
  std::vector<Quirk> quirks_;
};

}  // namespace

Record detail::parse_record(const Val& root, std::string_view origin, Dataset::Storage& st) {
  thread_local RecordParser parser;
  return parser.parse(root, origin, st);
}

}  // namespace openness
