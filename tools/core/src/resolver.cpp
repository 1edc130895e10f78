#include <openness/record.h>
#include <openness/resolver.h>

#include "index.h"
#include "names.h"

#include <utf8.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace openness {

using namespace detail;  // the name helpers (names.h) and the index (index.h)

std::string Resolver::fold(std::string_view text, bool drop_org) { return compact(strip_prefixes(text, drop_org)); }

std::string Resolver::organisation(std::string_view text) {
  std::string s = strip_prefixes(text, false);
  const auto slash = s.find('/');
  if (slash == std::string::npos || slash == 0) return {};
  s.erase(slash);
  return s;
}

struct Resolver::Impl {
  std::function<const Record&(std::uint32_t)> record;                // dataset index -> record (materialised on demand)
  std::function<bool(std::uint32_t)> live;                           // false for bundled records a user file replaced
  std::function<std::vector<const Record*>(const Record&)> members;  // a family's models
  std::vector<detail::SegmentView> segments;
  std::vector<detail::Segment> owned;  // segments built at load
  std::size_t key_count = 0;
};

Resolver::Resolver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Resolver::~Resolver() = default;

std::size_t Resolver::key_count() const { return impl_->key_count; }

std::size_t Resolver::memory_bytes() const {
  std::size_t b = 0;
  for (const auto& s : impl_->owned) b += s.bytes();
  return b;
}

namespace detail {
std::unique_ptr<Resolver> make_resolver(std::function<const Record&(std::uint32_t)> record,
                                        std::function<bool(std::uint32_t)> live,
                                        std::function<std::vector<const Record*>(const Record&)> members,
                                        std::vector<SegmentView> views, std::vector<Segment> owned,
                                        std::size_t key_count) {
  auto impl = std::make_unique<Resolver::Impl>();
  impl->record = std::move(record);
  impl->live = std::move(live);
  impl->members = std::move(members);
  impl->segments = std::move(views);
  impl->owned = std::move(owned);
  impl->key_count = key_count;
  return std::make_unique<Resolver>(std::move(impl));
}
}  // namespace detail

namespace {

MatchMethod tier_method(std::uint8_t tier) {
  switch (tier) {
    case 0: return MatchMethod::Id;
    case 1: return MatchMethod::Name;
    case 2: return MatchMethod::Alias;
    default: return MatchMethod::FamilyName;
  }
}

double tier_confidence(std::uint8_t tier) {
  switch (tier) {
    case 0: return 1.0;
    case 1: return 0.98;
    case 2: return 0.95;
    default: return 0.85;
  }
}

std::string pct(double s) { return std::to_string(static_cast<int>(s * 100)) + "%"; }

struct Hit {
  std::uint32_t rec;  // dataset index
  std::uint16_t which;
  std::uint8_t tier;
};

struct Scored {
  std::uint32_t rec;
  std::uint16_t which;
  double score;
};

bool by_score(const Scored& a, const Scored& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.rec < b.rec;
}

// One query's way through the steps of Resolver::resolve. Each step either settles the answer
// (and returns true) or leaves it to the next one.
class Search {
 public:
  Search(const Resolver::Impl& m, std::string_view query, std::size_t max_candidates)
      : m_(m), query_(query), max_(std::clamp<std::size_t>(max_candidates, 1, 50)) {}

  Resolution exact() {
    if (invalid_query() || exact_id()) return std::move(res_);
    if (!folded_name() || !res_.match() || res_.candidates.front().method == MatchMethod::FamilyName) {
      res_.candidates.clear();
      return not_found();
    }
    return std::move(res_);
  }

  Resolution run() {
    if (invalid_query() || as_spelt()) return std::move(res_);
    score_spellings();
    if (clear_typo() || one_model_starts_with_query() || family() || models_of_size_by_prefix() ||
        first_word_swapped() || names_starting_with_query() || near_spellings())
      return std::move(res_);
    for (const auto& s : scored_) {
      if (res_.candidates.size() >= std::min<std::size_t>(3, max_) || s.score < 0.3) break;
      add(s, 0.3 * s.score, "a distant suggestion (similarity " + pct(s.score) + ")");
    }
    return not_found();
  }

 private:
  Resolution not_found() {
    res_.status = ResolveStatus::NotFound;
    res_.message = "no model of that name in the dataset";
    return std::move(res_);
  }

  bool invalid_query() {
    auto invalid = [&](const char* why) {
      res_.status = ResolveStatus::InvalidQuery;
      res_.message = why;
      return true;
    };
    if (query_.size() > kMaxQuery) return invalid("query longer than 512 bytes");
    if (!utf8::is_valid(query_.begin(), query_.end())) return invalid("query is not valid UTF-8");
    res_.query = std::string(query_);
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n'; };
    while (!query_.empty() && blank(query_.front())) query_.remove_prefix(1);
    while (!query_.empty() && blank(query_.back())) query_.remove_suffix(1);
    if (query_.empty()) return invalid("empty query");
    key_ = Resolver::fold(query_, true);
    res_.folded = key_;
    return false;
  }

  // A remark in parentheses after a name that matches nothing as it is ("Stable Diffusion (version
  // unknown)") is not part of the name: the search goes on without it.
  bool drop_trailing_remark() {
    if (query_.back() != ')') return false;
    const std::size_t open = query_.rfind('(');
    if (open == std::string_view::npos || open == 0) return false;
    std::string_view name = query_.substr(0, open);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (name.empty() || name.size() == open) return false;  // "Model(x)": maybe part of the name
    std::string key = Resolver::fold(name, true);
    if (key.empty()) return false;
    query_ = name;
    key_ = std::move(key);
    return true;
  }

  Candidate candidate(const Hit& h, double conf, MatchMethod method, std::string note) const {
    Candidate c;
    c.record = &m_.record(h.rec);
    c.confidence = conf;
    c.method = method;
    c.matched = std::string(which_text(*c.record, h.which));
    c.note = std::move(note);
    if (method == MatchMethod::FamilyName && c.note.empty())
      c.note = "'" + c.matched + "' names an EOSAI model family; EOSAI scores the family on this model";
    return c;
  }

  void add(const Scored& s, double conf, std::string note) {
    res_.candidates.push_back(candidate({s.rec, s.which, 0}, conf, MatchMethod::Fuzzy, std::move(note)));
  }

  // hits_: the live records holding `key`, each with the best tier it holds it in.
  void lookup(const std::string& key) {
    hits_.clear();
    if (key.empty()) return;
    const std::uint64_t h = hash64(key);
    for (const auto& seg : m_.segments) {
      if (seg.table.empty()) continue;
      const std::uint64_t mask = seg.table.size() - 1;
      // At most one lap: a user bundle's table may have no free slot.
      std::uint64_t probes = 0;
      for (std::uint64_t i = h & mask; seg.table[i].used && probes++ < seg.table.size(); i = (i + 1) & mask) {
        const auto& s = seg.table[i];
        if (s.hash != h || s.rec >= seg.record_count || s.key_off > seg.keys.size()) continue;
        if (seg.keys.substr(s.key_off, s.key_len) != key) continue;
        const std::uint32_t rec = seg.rec_base + s.rec;
        if (m_.live(rec)) add_hit(rec, s.which, s.tier);
      }
    }
  }

  void add_hit(std::uint32_t rec, std::uint16_t which, std::uint8_t slot_tier) {
    // A folded id counts as a name; only the exact id (step 1) is an id match.
    const std::uint8_t tier = std::max<std::uint8_t>(slot_tier, 1);
    for (auto& x : hits_)
      if (x.rec == rec) {
        if (tier < x.tier || (tier == x.tier && which == kWhichId)) x = Hit{rec, which, tier};
        return;
      }
    hits_.push_back(Hit{rec, which, tier});
  }

  // Settles the answer from hits_, if there are any.
  bool decide(double factor, std::optional<MatchMethod> method, const std::string& note) {
    if (hits_.empty()) return false;
    keep_verbatim();
    std::uint8_t best = 255;
    for (const auto& h : hits_) best = std::min(best, h.tier);
    std::vector<Hit> top;
    for (const auto& h : hits_)
      if (h.tier == best) top.push_back(h);
    if (top.size() > 1 && model_beside_its_family(top, best, factor, method, note)) return true;
    if (top.size() == 1) {
      res_.status = ResolveStatus::Found;
      res_.candidates.push_back(
          candidate(top[0], tier_confidence(best) * factor, method.value_or(tier_method(best)), note));
      return true;
    }
    std::sort(hits_.begin(), hits_.end(), [](const Hit& a, const Hit& b) { return a.tier < b.tier; });
    res_.status = ResolveStatus::Ambiguous;
    res_.message = "several records match equally well; pick one by id";
    for (const auto& h : hits_) {
      if (res_.candidates.size() >= max_) break;
      res_.candidates.push_back(
          candidate(h, tier_confidence(h.tier) * factor * 0.5, method.value_or(tier_method(h.tier)), note));
    }
    return true;
  }

  // A text that is the query as typed ("smollm2:1.7b", an Ollama tag of SmolLM2-1.7B-Instruct) says
  // more than texts that only fold alike (the id smollm2-1.7b, the base model): when one record
  // holds it (case aside), that record is the match.
  void keep_verbatim() {
    if (hits_.size() < 2) return;
    const std::string typed = lower_ascii(query_);
    auto holds = [&](const Record& r) {
      if (lower_ascii(r.id) == typed || lower_ascii(r.name) == typed) return true;
      return std::any_of(r.aliases.begin(), r.aliases.end(),
                         [&](const auto& a) { return lower_ascii(a.value) == typed; });
    };
    const Hit* verbatim = nullptr;
    for (const auto& h : hits_) {
      if (!holds(m_.record(h.rec))) continue;
      if (verbatim) return;
      verbatim = &h;
    }
    if (verbatim) hits_.assign(1, Hit(*verbatim));
  }

  // A model and the EOSAI family record it belongs to share a name: the model is meant.
  bool model_beside_its_family(const std::vector<Hit>& top, std::uint8_t best, double factor,
                               std::optional<MatchMethod> method, const std::string& note) {
    std::vector<Hit> models;
    for (const auto& h : top)
      if (m_.record(h.rec).kind == RecordKind::Model) models.push_back(h);
    if (models.size() != 1) return false;
    std::string fam_note = note;
    for (const auto& h : top)
      if (h.rec != models[0].rec)
        fam_note += (fam_note.empty() ? "" : "; ") + std::string("the EOSAI family record '") +
                    std::string(m_.record(h.rec).id) + "' has the same name";
    res_.status = ResolveStatus::Found;
    res_.candidates.push_back(
        candidate(models[0], tier_confidence(best) * factor * 0.98, method.value_or(tier_method(best)), fam_note));
    return true;
  }

  // 1. The exact id.
  bool exact_id() {
    lookup(key_);
    for (const auto& h : hits_) {
      if (h.which != kWhichId || m_.record(h.rec).id != query_) continue;
      res_.status = ResolveStatus::Found;
      res_.candidates.push_back(candidate(h, 1.0, MatchMethod::Id, ""));
      return true;
    }
    return false;
  }

  // 2. Folded forms: without and with the org prefix.
  bool folded_name() {
    if (decide(1.0, std::nullopt, "")) return true;
    if (query_.find('/') == std::string_view::npos) return false;
    lookup(Resolver::fold(query_, false));
    return decide(1.0, std::nullopt, "");
  }

  void split_words() {
    stripped_ = strip_prefixes(query_, true);
    toks_ = tokens(stripped_);
    from_ = toks_.size() > 1 && is_vendor(toks_[0]) ? 1 : 0;
    kept_ = toks_.size();
  }

  // 3. Packaging, quantisation and date suffixes, and a leading vendor word ("Meta-Llama-3-8B").
  // Packaging first, then date stamps too: "Magistral-Small-2509-GGUF" is the 2509 release.
  bool without_packaging() {
    for (const bool dates : {false, true}) {
      const std::size_t k = drop_packaging(toks_, dates);
      if (dates && k == kept_) break;
      kept_ = k;
      if ((kept_ == toks_.size() && from_ == 0) || kept_ <= from_) continue;
      std::string suffix;
      for (std::size_t i = kept_; i < toks_.size(); ++i) suffix += "-" + std::string(toks_[i]);
      const std::string dropped = (from_ ? "'" + std::string(toks_[0]) + "-'" : std::string()) +
                                  (from_ && !suffix.empty() ? " and " : "") +
                                  (suffix.empty() ? "" : "'" + suffix + "'");
      lookup(compact(join(toks_, kept_, from_)));
      if (decide(0.9, MatchMethod::PackagingSuffix,
                 "ignored " + dropped +
                     " (a vendor prefix, or a packaging, quantisation or date suffix): such a build has the "
                     "openness of the release it was made from"))
        return true;
    }
    return false;
  }

  // 4. Variant suffixes (after packaging): a related record, said so.
  bool without_variant() {
    if (kept_ <= from_ + 1 || !is_variant(toks_[kept_ - 1])) return false;
    lookup(compact(join(toks_, kept_ - 1, from_)));
    return decide(0.6, MatchMethod::VariantSuffix,
                  "the dataset has no record for the '" + std::string(toks_[kept_ - 1]) +
                      "' variant you asked for; this is the record without that suffix (a related model, whose "
                      "components and licenses may differ)");
  }

  // 5. Fuzzy: the keys sharing the most trigrams with the query, ranked by spelling similarity.
  void score_spellings() {
    std::vector<std::uint32_t> qt;
    trigrams(key_, qt);
    for (const auto& seg : m_.segments)
      if (!seg.fkeys.empty()) score_segment(seg, qt);
    std::sort(scored_.begin(), scored_.end(), by_score);
    // The best few again, counting a swap of two adjacent letters as one slip.
    for (std::size_t i = 0; i < std::min<std::size_t>(scored_.size(), 16); ++i)
      scored_[i].score =
          std::max(scored_[i].score,
                   osa_similarity(key_, Resolver::fold(which_text(m_.record(scored_[i].rec), scored_[i].which))));
    std::sort(scored_.begin(), scored_.end(), by_score);
    std::sort(prefixed_.begin(), prefixed_.end(), by_score);  // the shortest names first
  }

  void score_segment(const detail::SegmentView& seg, const std::vector<std::uint32_t>& qt) {
    thread_local std::vector<std::pair<std::uint16_t, std::uint32_t>> pool;  // kept: it can be large
    pool.clear();
    detail::count_shared_trigrams(seg, qt, pool);
    const std::size_t limit = std::min<std::size_t>(pool.size(), 256);
    std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(limit), pool.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < limit; ++i) {
      const auto& fk = seg.fkeys[pool[i].second];
      if (fk.rec >= seg.record_count || fk.key_off > seg.keys.size()) continue;
      const std::uint32_t rec = seg.rec_base + fk.rec;
      if (!m_.live(rec)) continue;
      const std::string_view candidate_key = seg.keys.substr(fk.key_off, fk.key_len);
      const double s = similarity(key_, candidate_key);
      if (candidate_key.size() > key_.size() && candidate_key.substr(0, key_.size()) == key_ &&
          std::none_of(prefixed_.begin(), prefixed_.end(), [&](const Scored& x) { return x.rec == rec; }))
        prefixed_.push_back({rec, fk.which, s});
      bool merged = false;
      for (auto& x : scored_)
        if (x.rec == rec) {
          if (s > x.score) x = Scored{rec, fk.which, s};
          merged = true;
        }
      if (!merged) scored_.push_back({rec, fk.which, s});
    }
  }

  // A near spelling, taken when it is clearly the best and the name is long enough that one or
  // two edits are a typo (in a short name, "mixtral" / "mistral", they change the model). A near
  // spelling that changes a number or a size word names another version or size ("FLUX.1" is not
  // "FLUX.2", flan-t5-xxl is not flan-t5-xl; a misspelt size word is no size word: "Pixtral Lagre"):
  // those names are offered, never taken; names with the query's numbers and sizes rank first.
  bool clear_typo() {
    const auto qnum = numbers(key_);
    const std::string qdigits = without_digit_breaks(key_);
    const auto qsizes = size_words(query_);
    auto same_numbers = [&](const Scored& x) {
      const std::string_view text = which_text(m_.record(x.rec), x.which);
      const std::string k = Resolver::fold(text);
      // "Apertus-70B2-509" is Apertus-70B-2509 with a separator moved: the same digits.
      const auto sizes = size_words(text);
      return (numbers(k) == qnum || without_digit_breaks(k) == qdigits) &&
             (sizes.empty() || qsizes.empty() || sizes == qsizes);
    };
    const auto first_other = std::stable_partition(scored_.begin(), scored_.end(), same_numbers);
    // The runner-up that matters has the same numbers: a name with others is no rival for a typo.
    const auto same = static_cast<std::size_t>(first_other - scored_.begin());
    if (same < 1) return false;
    // A model and its family record often share a name ("DeepSeek-Coder"): a typo of that name
    // means the model, as the name itself does, and the family is no rival.
    if (same > 1 && namesake_family(scored_[0], scored_[1])) std::swap(scored_[0], scored_[1]);
    std::size_t rival = 1;
    while (rival < same && namesake_family(scored_[rival], scored_[0])) ++rival;
    // Two letters swapped is a slip of the fingers even in a short name ("OmnGien"); other edits
    // in a short name can name another model ("mixtral" / "mistral").
    const std::string best = Resolver::fold(which_text(m_.record(scored_[0].rec), scored_[0].which));
    // The query's own words with the last ones left out ("Stable Diffusion XL" / "Stable Diffusion")
    // name another model, not a typo of it.
    for (std::size_t n = from_ + 1; n < toks_.size(); ++n)
      if (compact(join(toks_, n, from_)) == best) return false;
    // The query's first word starts names of its own ("llava:13b" beside LLaVA's models): a near
    // spelling that changes it ("llama-13b") names another model, not a typo.
    const std::string first = compact(toks_[from_]);
    if (first.size() >= 3 && first_word(which_text(m_.record(scored_[0].rec), scored_[0].which)) != first &&
        std::any_of(scored_.begin(), scored_.end(),
                    [&](const Scored& x) { return first_word(which_text(m_.record(x.rec), x.which)) == first; }))
      return false;
    // A repository of another organisation ("Alibaba-NLP/gte-large-en-v1.5" beside BAAI's
    // bge-large-en-v1.5) is another model whose name is close, not a typo of this one's.
    if (const auto own = Resolver::own_organisation(query_, m_.record(scored_[0].rec)); own && !*own) return false;
    const bool long_enough = key_.size() >= 8 || scored_[0].score >= 0.95 || (key_.size() >= 6 && one_swap(key_, best));
    if (!long_enough || scored_[0].score < 0.85 || (rival < same && scored_[rival].score > scored_[0].score - 0.1))
      return false;
    res_.status = ResolveStatus::Found;
    add(scored_[0], 0.8 * scored_[0].score, "closest name by spelling (similarity " + pct(scored_[0].score) + ")");
    return true;
  }

  // True when `f` is the family record of `m`'s model and both were matched by the same name.
  bool namesake_family(const Scored& f, const Scored& m) const {
    const Record& fam = m_.record(f.rec);
    const Record& model = m_.record(m.rec);
    return fam.kind == RecordKind::Family && model.family_id == fam.id && f.score <= m.score + 1e-9 &&
           Resolver::fold(which_text(fam, f.which)) == Resolver::fold(which_text(model, m.which));
  }

  // 6. The family: shorter and shorter prefixes of the name, never past a bare version number
  // ("OLMo 2 7B" may reach "OLMo 2", never "OLMo"); only a family record is taken here. Tried after
  // a clear spelling match, before the lists of near names.
  bool family() {
    for (std::size_t n = kept_; n > from_ + 1; --n) {
      if (is_version(toks_[n - 1])) break;
      lookup(compact(join(toks_, n - 1, from_)));
      if (n == kept_ && model_of_its_size(toks_[n - 1])) return true;
      std::erase_if(hits_, [&](const Hit& h) { return m_.record(h.rec).kind != RecordKind::Family; });
      if (hits_.size() != 1) continue;
      if (n == kept_ && members_of_size(m_.record(hits_[0].rec), toks_[n - 1])) return true;
      std::string rest;
      for (std::size_t i = n - 1; i < kept_; ++i) rest += (rest.empty() ? "" : "-") + std::string(toks_[i]);
      res_.status = ResolveStatus::Found;
      res_.candidates.clear();
      res_.candidates.push_back(
          candidate(hits_[0], 0.6, MatchMethod::Family,
                    "the dataset has no record for the variant '" + rest +
                        "'; this is its family's record, whose facts may not all hold for the variant"));
      return true;
    }
    return false;
  }

  // A last word that is the size of the one model the rest names ("deepseek-r1:671b": DeepSeek-R1,
  // 671B): that model, not a variant of its family.
  bool model_of_its_size(std::string_view word) {
    const Hit* found = nullptr;
    for (const auto& h : hits_) {
      const Record& r = m_.record(h.rec);
      if (r.kind != RecordKind::Model || !is_size_of(word, r.size)) continue;
      if (found) return false;  // two models of that size: not this step's to choose
      found = &h;
    }
    if (!found) return false;
    res_.status = ResolveStatus::Found;
    res_.candidates.clear();
    res_.candidates.push_back(candidate(*found, 0.9 * tier_confidence(found->tier), tier_method(found->tier),
                                        "'" + std::string(word) + "' is this model's size"));
    return true;
  }

  // A family and a size, as Ollama names a model ("mistral-large:123b", "magistral:24b"): the
  // family's models of that size. One is the answer; several are the candidates, and a verdict
  // they share is what the tools answer.
  bool members_of_size(const Record& family, std::string_view word) {
    std::vector<const Record*> found;
    for (const Record* r : m_.members(family))
      if (r->kind == RecordKind::Model && is_size_of(word, r->size)) found.push_back(r);
    if (found.empty()) return false;
    const std::string note = "of the family '" + std::string(family.id) + "', the dataset holds " +
                             (found.size() == 1 ? "this model" : std::to_string(found.size()) + " models") +
                             " of the size '" + std::string(word) + "'";
    return settle(found, found.size() == 1, 0.8, MatchMethod::Family, note, note + "; pick one by id",
                  [&](const Record&) { return std::string(family.name) + " " + std::string(word); });
  }

  // Settles the answer from `found` (records one step picked): the record, when `one`, at
  // `confidence`; else the candidates at 0.5, with `message`. Each carries `method`, `note` and
  // the text it matched.
  template <class Matched>
  bool settle(const std::vector<const Record*>& found, bool one, double confidence, MatchMethod method,
              const std::string& note, std::string message, const Matched& matched) {
    res_.status = one ? ResolveStatus::Found : ResolveStatus::Ambiguous;
    res_.candidates.clear();
    if (!one) res_.message = std::move(message);
    for (const Record* r : found) {
      if (res_.candidates.size() >= max_) break;
      Candidate c;
      c.record = r;
      c.confidence = one ? confidence : 0.5;
      c.method = method;
      c.matched = matched(*r);
      c.note = note;
      res_.candidates.push_back(std::move(c));
    }
    return true;
  }

  // 6c. A name and a size where no family record goes by the name ("phi3.5:3.8b", "aya:8b"): the
  // models of that size whose names start with it. One is the answer, said to be read so, when the
  // name has a version ("dolphin3"); a name without one ("llava:7b") spans versions the dataset may
  // not hold, so its models are the candidates, as several always are.
  bool models_of_size_by_prefix() {
    if (kept_ < from_ + 2) return false;
    const std::string_view word = toks_[kept_ - 1];
    const std::string name = join(toks_, kept_ - 1, from_);
    Search prefix(m_, name, max_);
    if (prefix.invalid_query()) return false;
    prefix.lookup(prefix.key_);
    prefix.score_spellings();
    std::vector<const Record*> found;
    auto take = [&](std::uint32_t rec) {
      const Record& r = m_.record(rec);
      if (r.kind == RecordKind::Model && is_size_of(word, r.size) &&
          std::find(found.begin(), found.end(), &r) == found.end())
        found.push_back(&r);
    };
    for (const auto& h : prefix.hits_) take(h.rec);
    for (const auto& s : prefix.prefixed_) take(s.rec);
    if (found.empty()) return false;
    const std::string what = "of the size '" + std::string(word) + "' whose names start with '" + name + "'";
    const bool versioned = std::any_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    const std::string note = found.size() == 1 ? "the dataset has no record named '" + std::string(query_) +
                                                     "'; this is its only model " + what
                                               : "a model " + what;
    return settle(found, found.size() == 1 && versioned, 0.6, MatchMethod::VariantSuffix, note,
                  "the models " + what + "; pick one by id", [](const Record& r) { return std::string(r.name); });
  }

  // 6b. Two adjacent letters swapped in the first word ("Falcno-H1R-7B", "Qwne2.5-7B-Instruct-AWQ"): the
  // name with them put back, if that settles it without spelling guesses (an exact name, a
  // packaging or variant suffix, or the family). Words under six letters are left alone ("Gmema").
  bool first_word_swapped() {
    if (swaps_tried_ || kept_ <= from_) return false;
    const std::string_view word = toks_[from_];
    if (word.size() < 6) return false;
    const auto at = static_cast<std::size_t>(word.data() - stripped_.data());
    for (std::size_t i = 0; i + 1 < word.size(); ++i) {
      if (word[i] == word[i + 1]) continue;
      std::string fixed(stripped_);
      std::swap(fixed[at + i], fixed[at + i + 1]);
      Search again(m_, fixed, max_);
      again.swaps_tried_ = true;
      if (!again.settles_without_guessing()) continue;
      res_.status = ResolveStatus::Found;
      res_.candidates.clear();
      Candidate c = std::move(again.res_.candidates.front());
      c.confidence *= 0.8;
      c.note = "read '" + std::string(word) + "' as '" + fixed.substr(at, word.size()) + "' (two letters swapped)" +
               (c.note.empty() ? "" : "; " + c.note);
      res_.candidates.push_back(std::move(c));
      return true;
    }
    return false;
  }

  // Steps 1 to 4: the name as it is spelt, with a trailing remark dropped, then without its
  // packaging or variant words. True when one settled the answer (found, or several records).
  bool as_spelt() {
    if (exact_id() || folded_name()) return true;
    if (drop_trailing_remark() && (exact_id() || folded_name())) return true;
    split_words();
    return without_packaging() || without_variant();
  }

  // The steps that take a name as it is spelt (1 to 4, and 6); true when one found a record.
  bool settles_without_guessing() {
    if (invalid_query() || !(as_spelt() || family())) return false;
    return res_.status == ResolveStatus::Found;
  }

  // 7. Names that start with the query ("mixtral" -> Mixtral-8x7B-v0.1, Mixtral-8x22B-v0.1, ...)
  // are the user's family of models, not a typo of another name: offered, not picked, unless the
  // query is long and starts one model's name alone.
  bool names_starting_with_query() {
    if (prefixed_.empty()) return false;
    if (one_model_starts_with_query()) return true;
    res_.status = ResolveStatus::Ambiguous;
    res_.message = "several models' names start with this; pick one";
    for (const auto& s : prefixed_) {
      if (res_.candidates.size() >= max_) break;
      add(s, 0.5, "the name starts with '" + key_ + "'");
    }
    return true;
  }

  // A long query that starts one model's name, where any other name that it starts is that
  // model's family record ("Qwen3-Coder-480B-A35B": the -Instruct model, and the Qwen-Coder
  // family, which names it): that model, said to be a related one.
  bool one_model_starts_with_query() {
    if (key_.size() < 8) return false;
    const Scored* model = nullptr;
    for (const auto& s : prefixed_) {
      if (m_.record(s.rec).kind == RecordKind::Family) continue;
      if (model) return false;
      model = &s;
    }
    if (!model) return false;
    const Record& r = m_.record(model->rec);
    for (const auto& s : prefixed_)
      if (&s != model && r.family_id != m_.record(s.rec).id) return false;
    res_.status = ResolveStatus::Found;
    res_.candidates.push_back(candidate({model->rec, model->which, 0}, 0.6, MatchMethod::VariantSuffix,
                                        "the dataset has no record named '" + std::string(query_) +
                                            "'; this is the only model whose name starts "
                                            "with it (a related model, whose components and licenses may differ)"));
    return true;
  }

  // 8. Close names, offered.
  bool near_spellings() {
    if (scored_.empty() || scored_[0].score < 0.5) return false;
    res_.status = ResolveStatus::Ambiguous;
    res_.message = "no exact match; these names are close";
    res_.near_spellings = true;
    for (const auto& s : scored_) {
      if (res_.candidates.size() >= max_ || s.score < 0.5) break;
      add(s, 0.5 * s.score, "similarity " + pct(s.score));
    }
    return true;
  }

  const Resolver::Impl& m_;
  std::string_view query_;
  std::size_t max_;
  Resolution res_;
  std::string key_;
  std::vector<Hit> hits_;
  std::string stripped_;
  std::vector<std::string_view> toks_;
  std::size_t from_ = 0, kept_ = 0;
  std::vector<Scored> scored_, prefixed_;
  bool swaps_tried_ = false;  // a search for a name already corrected does not correct it again
};

}  // namespace

Resolution Resolver::resolve(std::string_view query, std::size_t max_candidates) const {
  return Search(*impl_, query, max_candidates).run();
}

Resolution Resolver::resolve_exact(std::string_view query) const { return Search(*impl_, query, 1).exact(); }

}  // namespace openness
