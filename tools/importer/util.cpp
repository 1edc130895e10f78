// Small helpers of the importer: strings, YAML scalars and upstream provenance.
#include "importer.h"

#include <cstdio>
#include <regex>
#include <sstream>

namespace importer {

std::string trim(std::string s) {
  auto ws = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && ws(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && ws(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string slug(const std::string& s) {
  std::string out;
  for (unsigned char c : lower(s)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '+') {
      out.push_back(static_cast<char>(c));
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  while (!out.empty() && (out.front() == '-' || out.front() == '.')) out.erase(out.begin());
  return out;
}

std::string url_path(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == ' ')
      out += "%20";
    else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

std::optional<std::string> scalar(const YAML::Node& n) {
  if (!n || !n.IsScalar()) return std::nullopt;
  std::string s = trim(n.as<std::string>());
  if (s.empty()) return std::nullopt;
  return s;
}

std::optional<std::string> hf_repo(const std::string& url) {
  static const std::regex re(R"(^https?://(?:www\.)?huggingface\.co/([A-Za-z0-9_.\-]+)/([A-Za-z0-9_.\-]+))");
  std::smatch m;
  if (!std::regex_search(url, m, re)) return std::nullopt;
  const std::string org = m[1];
  if (org == "datasets" || org == "spaces" || org == "papers" || org == "blog" || org == "docs") return std::nullopt;
  return org + "/" + std::string(m[2]);
}

Provenance provenance(const fs::path& dir, const std::string& repository) {
  Provenance p{"", "", repository};
  if (fs::exists(dir / ".git")) {
    // The directory is the maintainer's own argument; one holding a quote is not given to a shell.
    if (dir.string().find('\'') != std::string::npos)
      throw std::runtime_error("importer: a reference directory may not contain a quote: " + dir.string());
    std::string cmd = "git -C '" + dir.string() + "' log -1 --format='%H %cs'";
    if (FILE* f = popen(cmd.c_str(), "r")) {  // NOLINT(cert-env33-c): fixed command, quoted path checked above
      char buf[256] = {0};
      if (fgets(buf, sizeof buf, f)) {
        std::istringstream ss(buf);
        ss >> p.commit >> p.date;
      }
      pclose(f);
    }
  }
  if (p.commit.empty() && fs::exists(dir / "SOURCE.md")) {
    static const std::regex re(R"(Copied from commit: ([0-9a-f]{40}) \((\d{4}-\d{2}-\d{2}))");
    std::string text = read_whole_file(dir / "SOURCE.md");
    std::smatch m;
    if (std::regex_search(text, m, re)) {
      p.commit = m[1];
      p.date = m[2];
    }
  }
  if (p.commit.empty()) throw std::runtime_error("cannot tell the upstream commit of " + dir.string());
  return p;
}

ojson upstream_source(const std::string& id, const std::string& title, const Provenance& p, const std::string& path,
                      const std::string& license) {
  return {{"id", id},
          {"title", title},
          {"url", p.repository + "/blob/" + p.commit + "/" + url_path(path)},
          {"repository", p.repository},
          {"path", path},
          {"commit", p.commit},
          {"as_of", p.date},
          {"license", license}};
}

}  // namespace importer
